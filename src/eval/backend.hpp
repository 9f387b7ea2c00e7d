// The device a submission runs on, behind one interface: memory, deterministic input generation,
// poisoning, calling the submission, and one cold timed call. Two implementations: cpu/ (host
// pointers, steady clock, cache flush) and cuda/ (device pointers, CUDA events, L2 flush).
#pragma once

#include <cstdlib>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "core/dtype.hpp"
#include "core/random.hpp"
#include "core/check.hpp"
#include "core/device.hpp"
#include "eval/context_kinds.hpp"

namespace podium {

// The generated entry point of a compiled submission: args[i] points at the value of parameter i.
using EntryPoint = void (*)(void** args);

// A fault while the submission ran (a CUDA error, for example). The message names the error.
class RuntimeFault : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Comparisons run where the data lives (on the device for CUDA), so that a 2^28-element check costs
// milliseconds, not a copy to the host and a serial loop.
using DeviceComparison = Comparison;

// One timed call as measured, with the device's state at the time.
struct Sample {
  double seconds = 0;
  int sm_clock_mhz = 0;      // 0 when unknown
  int temperature_c = 0;     // 0 when unknown
  bool throttled = false;    // the device was slowed (thermal, power brake, clock below 75% of its maximum)
  bool blocked = false;      // launches were held behind the blocking kernel, so launch latency is outside
  bool deadlock = false;     // the call waited for the GPU while the queue was held: sample invalid
};

// The backend cannot be used at all here (no GPU, for example).
class BackendUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// CUPTI's measurement of timed calls (--verify-timer): the mean span from the first GPU operation's
// start to the last one's end, and how many operations (kernels, memsets, copies) the call with the
// most had. CUPTI's span is a witness to 2% only for calls of one operation
// (bench/results/2026-11-25-h100-timer.md): its tracing lengthens the others unevenly.
struct VerifiedTiming {
  double mean_seconds = 0;
  int operations = 0;
};

class Backend {
 public:
  virtual ~Backend() = default;
  virtual DeviceInfo device() const = 0;
  // The device's PCI bus id ("0000:00:06.0"), for NVML; empty for the CPU.
  virtual std::string pci_bus_id() const { return ""; }
  virtual void* allocate(size_t bytes) = 0;
  virtual void release(void* p) = 0;
  // Element i of dst = draw(distribution, key, first + i) rounded to dtype, for i < count: dst is
  // element `first` of a parameter (0 for a whole one, more for a window redrawn in place).
  virtual void fill(void* dst, DType dtype, uint64_t count, const Distribution& distribution, uint64_t key,
                    uint64_t first) = 0;
  // Overwrites with NaN (all-ones bytes) for floating dtypes and 0xA5 bytes for integers.
  virtual void poison(void* dst, DType dtype, uint64_t count) = 0;
  virtual void download(void* host, const void* src, size_t bytes) = 0;
  virtual void copy(void* dst, const void* src, size_t bytes) = 0;
  virtual void upload(void* dst, const void* host, size_t bytes) = 0;
  // Overwrites with zero bytes (outputs of problems whose outputs are zeroed).
  virtual void clear(void* dst, size_t bytes) = 0;
  // Waits until the work this backend started on the device (fills, copies, poisoning) has finished:
  // another process is about to use the memory, which the stream's order does not cover.
  virtual void settle() {}
  // Element-wise comparison under an rtol/atol or exact tolerance (see core/check.hpp).
  virtual DeviceComparison compare(const void* got, const void* expected, DType dtype, uint64_t count, double rtol,
                                   double atol, bool exact) = 0;
  // The first element whose bytes differ, or -1.
  virtual int64_t first_difference(const void* a, const void* b, DType dtype, uint64_t count) = 0;
  // Bytes of memory an evaluation may use for rotating input sets.
  virtual size_t rotation_budget_bytes() const = 0;
  // Brings the device to its steady running state before the first timed case and measures what the
  // clock adds to a call (the CUDA backend's event overhead: its own interval around an empty
  // kernel, less the kernel's span, which use_empty_kernel_span() may give).
  virtual void warm_up() = 0;
  // Warms the device up and measures the empty kernel's execution span with `calls` traced calls;
  // nullopt where there is none to measure (the CPU) or no way to (no CUPTI, a profiler attached).
  virtual std::optional<double> measure_empty_kernel_span(int /*calls*/) { return std::nullopt; }
  // That span, measured before (by another process, once for this GPU and driver).
  virtual void use_empty_kernel_span(double /*seconds*/) {}
  // Calls the entry point and waits for everything it started; throws RuntimeFault on a device error.
  virtual void call(EntryPoint entry, void** args) = 0;
  // One cold call: caches flushed first, then the call timed alone.
  virtual Sample timed_call(EntryPoint entry, void** args) = 0;
  // How timed_call measures, for the report.
  virtual std::string clock_description() const = 0;
  // With BackendOptions::verify_timer: an independent measurement (CUPTI) of the timed calls since the
  // last time this was asked; nullopt when the backend has none.
  virtual std::optional<VerifiedTiming> take_verified_timing() { return std::nullopt; }
};

struct BackendOptions {
  bool verify_timer = false;  // measure timed calls a second way (CUDA: CUPTI activity records)
  std::optional<SettledContext> settled_context;  // CUDA: how the context was chosen (settle_context), for the report
};

// Whether a CUDA profiler that is itself a CUPTI client (Nsight Compute, Nsight Systems) is attached:
// it is injected through CUDA_INJECTION64_PATH, and a second client would keep it from profiling,
// so Podium leaves CUPTI and its own probes to it. A --verify-timer run is never one (its CUPTI is
// Podium's).
inline bool cuda_profiler_attached(bool verify_timer) { return std::getenv("CUDA_INJECTION64_PATH") && !verify_timer; }

// The backend for `kind`; throws BackendUnavailable with a message saying why it cannot run here.
std::unique_ptr<Backend> make_backend(BackendKind kind, const BackendOptions& options = {});

// Whether this build of podium includes the CUDA backend.
bool cuda_backend_built();

}  // namespace podium
