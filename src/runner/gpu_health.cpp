// The GPU's health between jobs. See gpu_health.hpp.
#include "runner/gpu_health.hpp"

#include <fmt/format.h>

#include <algorithm>


namespace podium {

bool is_submission_xid(unsigned long long xid) { return xid == 13 || xid == 31 || xid == 43 || xid == 45; }

std::vector<HealthProblem> health_problems(const HealthReading& r, std::optional<unsigned long long> ecc_at_start) {
  std::vector<HealthProblem> problems;
  for (const auto xid : r.xids)
    if (!is_submission_xid(xid))
      problems.push_back({fmt::format("the driver reported critical Xid error {} (see NVIDIA's Xid catalogue; the GPU may need a reset)", xid), true});
  if (r.uncorrected_ecc && ecc_at_start && *r.uncorrected_ecc > *ecc_at_start)
    problems.push_back({fmt::format("{} new uncorrected ECC memory error(s) since the worker started: results may be corrupt",
                                    *r.uncorrected_ecc - *ecc_at_start),
                        true});
  if (r.remap_failed) problems.push_back({"a memory row could not be remapped: the GPU needs service", true});
  if (r.remap_pending) problems.push_back({"memory rows are waiting to be remapped, which takes a GPU reset", false});
  if (r.throttle_reasons & kTroubleThrottleReasons) {
    std::vector<std::string> why;
    if (r.throttle_reasons & kHwSlowdown) why.push_back("hardware slowdown");
    if (r.throttle_reasons & kSwThermalSlowdown) why.push_back("software thermal slowdown");
    if (r.throttle_reasons & kHwThermalSlowdown) why.push_back("hardware thermal slowdown");
    if (r.throttle_reasons & kHwPowerBrakeSlowdown) why.push_back("power brake");
    problems.push_back({fmt::format("the GPU is throttled ({}) at {} °C: its times would not be comparable", fmt::join(why, ", "),
                                    r.temperature_c),
                        false});
  }
  return problems;
}

GpuHealth::GpuHealth(std::optional<BackendProbe> first) : first_(std::move(first)) {}
GpuHealth::~GpuHealth() = default;

void GpuHealth::take(const BackendProbe& probe) {
  probe_failure_.reset();
  if (!probe.device) probe_failure_ = "a test kernel did not run: " + probe.failure;
  // NVML is opened once the probe has named the device.
  if (probe.device && !nvml_) {
    nvml_ = std::make_unique<Nvml>(probe.pci_bus_id, true);
    if (nvml_->available()) ecc_at_start_ = nvml_->read_health().uncorrected_ecc;
  }
}

std::vector<std::string> GpuHealth::check() {
  const auto now = std::chrono::steady_clock::now();
  if (probe_due_ || (probe_failure_ && now - last_probe_ >= reprobe)) {
    probe_due_ = false;
    last_probe_ = now;
    take(first_ ? *first_ : probe_device(BackendKind::cuda));
    first_.reset();
  }
  std::vector<std::string> reasons;
  if (nvml_ && nvml_->available()) {
    const HealthReading reading = nvml_->read_health();
    xids_watched_ = reading.xids_watched;
    xids_seen_.insert(xids_seen_.end(), reading.xids.begin(), reading.xids.end());
    for (auto& p : health_problems(reading, ecc_at_start_)) {
      if (!p.lasting) {
        reasons.push_back(p.what);
      } else if (std::find(lasting_.begin(), lasting_.end(), p.what) == lasting_.end()) {
        lasting_.push_back(p.what);
      }
    }
  }
  if (probe_failure_) reasons.push_back(*probe_failure_);
  reasons.insert(reasons.begin(), lasting_.begin(), lasting_.end());
  return reasons;
}

}  // namespace podium
