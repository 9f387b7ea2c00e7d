// The GPU's health, checked by the worker before it takes a job for the GPU (docs/operations.md,
// "GPU health"). Three sources:
//   - NVML (eval/nvml.hpp): critical Xid errors, uncorrected ECC errors, rows awaiting remapping or
//     that failed to remap, and throttling for heat or by the hardware;
//   - a probe (probe_device in runner/evaluate.hpp): a fresh process sets the CUDA backend up, runs
//     a kernel and reads its result back; at the first check, after a job that faulted the GPU or
//     hit its time limit, and while a failed probe keeps the GPU out of service;
//   - nothing else: without NVML (no driver library) only the probe speaks.
// Some problems last until the worker restarts (an Xid that is not a submission's doing, new
// uncorrected ECC errors, a failed remap): the GPU needs a person. The others clear on their own
// (throttling, a pending remap after a reset, a probe that passes again).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "eval/nvml.hpp"
#include "runner/evaluate.hpp"

namespace podium {

// Xid errors a submission causes by itself (an illegal address, a kernel killed at its time limit):
// 13 graphics engine exception, 31 MMU fault, 43 GPU stopped processing, 45 preemptive clean-up.
// They say nothing against the GPU.
bool is_submission_xid(unsigned long long xid);

// What a reading shows against the uncorrected ECC count seen when watching began: each problem as
// a sentence, and whether it lasts (see above).
struct HealthProblem {
  std::string what;
  bool lasting = false;
};
std::vector<HealthProblem> health_problems(const HealthReading& reading, std::optional<unsigned long long> ecc_at_start);

class GpuHealth {
 public:
  // `first`: a probe just made (by the worker's GPU detection), which stands for the first check's.
  explicit GpuHealth(std::optional<BackendProbe> first = std::nullopt);
  ~GpuHealth();

  // The reasons not to give the GPU work now; empty when it is healthy. Probes when a probe is due
  // (the first check, after probe_after_fault(), and every `reprobe` while a failed probe stands).
  std::vector<std::string> check();
  // The last job faulted the GPU or hit its time limit: probe it before the next.
  void probe_after_fault() { probe_due_ = true; }
  // Whether NVML watches this GPU (the probe always does), and its Xid errors.
  bool nvml_available() const { return nvml_ && nvml_->available(); }
  bool xids_watched() const { return xids_watched_; }
  // Every Xid error seen so far, a submission's included.
  const std::vector<unsigned long long>& xids_seen() const { return xids_seen_; }

  std::chrono::seconds reprobe{30};

 private:
  std::unique_ptr<Nvml> nvml_;
  std::optional<unsigned long long> ecc_at_start_;
  std::vector<std::string> lasting_;
  std::vector<unsigned long long> xids_seen_;
  bool xids_watched_ = false;
  void take(const BackendProbe& probe);

  std::optional<BackendProbe> first_;
  std::optional<std::string> probe_failure_;
  bool probe_due_ = true;
  std::chrono::steady_clock::time_point last_probe_{};
};

}  // namespace podium
