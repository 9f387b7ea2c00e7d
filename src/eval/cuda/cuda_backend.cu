// The CUDA backend: device memory, inputs generated and outputs compared on the GPU, and the cold
// timed call.
//
// One timed call (measure_cold in NVBench's words):
//   1. L2 flushed, persisting-L2 state reset (l2_flush.cuh);
//   2. the blocking kernel holds the queue (blocking_kernel.cuh);
//   3. start event, the submission's call, stop event, all enqueued behind it; then the queue is
//      released and the whole device synchronized, so that work the submission left on other streams
//      is waited for (and its errors seen) before the next call;
//   4. the SM clock, temperature and throttle state read through NVML (nvml.hpp).
// When a submission waits for the GPU inside its call, the blocking kernel times out; that sample is
// dropped and later calls are timed without it (launch latency then falls inside the interval, which
// the report says).
#include <cuda_runtime.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <memory>
#include <string>

#include "core/tolerance.hpp"
#include "eval/backend.hpp"
#include "eval/context_kinds.hpp"
#include "eval/cuda/blocking_kernel.cuh"
#include "eval/cuda/l2_flush.cuh"
#include "eval/nvml.hpp"
#if PODIUM_WITH_CUPTI
#include "eval/cuda/cupti_timer.cuh"
#endif

namespace podium {
namespace {

void check(cudaError_t err, const char* what) {
  if (err != cudaSuccess)
    throw RuntimeFault(std::string(what) + ": " + cudaGetErrorString(err) + " (" + cudaGetErrorName(err) + ")");
}

unsigned grid_for(uint64_t count) { return static_cast<unsigned>(std::min<uint64_t>((count + 255) / 256, 132 * 16)); }

__global__ void fill_kernel(void* dst, DType dtype, uint64_t count, Distribution d, uint64_t key, uint64_t first) {
  const uint64_t stride = static_cast<uint64_t>(gridDim.x) * blockDim.x;
  for (uint64_t i = blockIdx.x * static_cast<uint64_t>(blockDim.x) + threadIdx.x; i < count; i += stride)
    store_element(dst, i, dtype, draw(d, key, first + i));
}

// Accumulated by compare_kernel. Non-negative doubles order like their bit patterns, so the maxima
// are kept with integer atomicMax.
struct CompareState {
  unsigned long long bad;
  unsigned long long first_bad;
  unsigned long long max_abs_bits;
  unsigned long long max_rel_bits;
};

__device__ double warp_max(double v) {
  for (int offset = 16; offset > 0; offset /= 2) v = fmax(v, __shfl_down_sync(0xffffffffu, v, offset));
  return v;
}

__global__ void compare_kernel(const void* got, const void* expected, DType dtype, uint64_t count, double rtol,
                               double atol, bool exact, CompareState* state) {
  const uint64_t stride = static_cast<uint64_t>(gridDim.x) * blockDim.x;
  unsigned long long bad = 0, first = ~0ull;
  double max_abs = 0, max_rel = 0;
  for (uint64_t i = blockIdx.x * static_cast<uint64_t>(blockDim.x) + threadIdx.x; i < count; i += stride) {
    const double g = load_element(got, i, dtype), e = load_element(expected, i, dtype);
    if (isfinite(g) && isfinite(e)) {
      const double abs_err = fabs(g - e);
      max_abs = fmax(max_abs, abs_err);
      if (e != 0) max_rel = fmax(max_rel, abs_err / fabs(e));
    }
    if (!element_ok(g, e, rtol, atol, exact)) {
      if (bad++ == 0) first = i;
    }
  }
  max_abs = warp_max(max_abs);
  max_rel = warp_max(max_rel);
  if (bad) {
    atomicAdd(&state->bad, bad);
    atomicMin(&state->first_bad, first);
  }
  if ((threadIdx.x & 31) == 0) {
    atomicMax(&state->max_abs_bits, static_cast<unsigned long long>(__double_as_longlong(max_abs)));
    atomicMax(&state->max_rel_bits, static_cast<unsigned long long>(__double_as_longlong(max_rel)));
  }
}

__global__ void difference_kernel(const unsigned char* a, const unsigned char* b, size_t element_size, uint64_t count,
                                  unsigned long long* first) {
  const uint64_t stride = static_cast<uint64_t>(gridDim.x) * blockDim.x;
  for (uint64_t i = blockIdx.x * static_cast<uint64_t>(blockDim.x) + threadIdx.x; i < count; i += stride) {
    for (size_t k = 0; k < element_size; ++k) {
      if (a[i * element_size + k] != b[i * element_size + k]) {
        atomicMin(first, static_cast<unsigned long long>(i));
        break;
      }
    }
  }
}

__global__ void empty_kernel() {}

// The entry point used to calibrate the event overhead: one empty kernel, as a submission would launch it.
void empty_entry(void**) { empty_kernel<<<1, 32>>>(); }

__global__ void spin_kernel(uint64_t ns) {
  uint64_t start, now;
  asm volatile("mov.u64 %0, %%globaltimer;" : "=l"(start));
  do {
    asm volatile("mov.u64 %0, %%globaltimer;" : "=l"(now));
  } while (now - start < ns);
}

class CudaBackend final : public Backend {
 public:
  explicit CudaBackend(const BackendOptions& options) {
    int count = 0;
    const cudaError_t err = cudaGetDeviceCount(&count);
    if (err != cudaSuccess || count == 0)
      throw BackendUnavailable(std::string("this problem runs on a CUDA GPU, but none is usable on this machine (") +
                               (err != cudaSuccess ? cudaGetErrorString(err) : "no CUDA devices found") +
                               "); use a machine with an NVIDIA GPU, or a problem with backend: cpu");
    open_device();
    check(cudaGetDeviceProperties(&props_, 0), "cudaGetDeviceProperties");
    flush_ = std::make_unique<L2Flush>(static_cast<size_t>(props_.l2CacheSize));
    blocking_ = std::make_unique<BlockingKernel>();
    char bus[32] = {};
    cudaDeviceGetPCIBusId(bus, sizeof bus, 0);
    pci_bus_id_ = bus;
    nvml_ = std::make_unique<Nvml>(pci_bus_id_);
    check(cudaEventCreate(&start_), "cudaEventCreate");
    check(cudaEventCreate(&stop_), "cudaEventCreate");
    check(cudaMalloc(&compare_state_, sizeof(CompareState)), "cudaMalloc");
    keep_freed_pool_memory();
    verify_timer_ = options.verify_timer;
    settled_context_ = options.settled_context;
#if PODIUM_WITH_CUPTI
    if (options.verify_timer) cupti_ = std::make_unique<CuptiTimer>();
#else
    if (options.verify_timer)
      throw BackendUnavailable("--verify-timer needs CUPTI, which this podium was built without");
#endif
  }

  // The default memory pool (cudaMallocAsync's) keeps what is freed into it, as a caching allocator
  // would. With the default release threshold of 0 it hands its memory back at every
  // synchronization, which ends every call, so a solution that allocates per call would map memory
  // again in every call: about 2 µs, by an amount that differs between processes.
  static void keep_freed_pool_memory() {
    cudaMemPool_t pool;
    check(cudaDeviceGetDefaultMemPool(&pool, 0), "cudaDeviceGetDefaultMemPool");
    uint64_t threshold = UINT64_MAX;
    check(cudaMemPoolSetAttribute(pool, cudaMemPoolAttrReleaseThreshold, &threshold), "cudaMemPoolSetAttribute");
  }

  // Creates the context. The driver may refuse a new context for a moment while another process's
  // is torn down (after a fault, or a kill at the time limit): that is waited out, up to 15 s,
  // before the device is called unavailable.
  static void open_device() {
    cudaError_t err = cudaSetDevice(0);
    for (int tries = 0; err == cudaErrorDevicesUnavailable && tries < 60; ++tries) {
      cudaGetLastError();
      usleep(250'000);
      err = cudaSetDevice(0);
    }
    check(err, "cudaSetDevice");
  }

  // Events measure from the front end's timestamp before the launch to its timestamp after the
  // kernel has drained, which is more than the kernel's own execution span that CUPTI reports: the
  // same amount for every kernel, and most of the time of a 2 µs kernel. It is measured at running
  // clocks with an empty kernel timed through the very same cold, blocking protocol: its event
  // interval, less its execution span from CUPTI. The submission itself is never timed with CUPTI
  // (except by --verify-timer), so CUPTI stays an independent check of the result.
  //
  // The interval is a property of the process's context, and of the moment: it differs between
  // processes by up to half a µs, and within one process it moves by a few hundredths of a µs from
  // one case to the next. Measured before the cases only, it left pmpp vectoradd's 7.9 µs case
  // 0.067 µs apart (SD) in 7 processes; measured among the timed calls, after every second one,
  // 0.022 µs (after every fourth: 0.067 again; bench/results/2026-11-26-h100-event-overhead.md).
  // The span is a property of the GPU and driver, but CUPTI must trace the calls to give it, and
  // tracing lengthens the interval. So the judge measures the span once, with many traced calls,
  // and keeps it (runner/judge.cpp); each contestant measures its own untraced interval in
  // warm_up(), then keeps measuring it among the submission's timed calls: an empty kernel timed
  // the same way after every kCompanionEvery-th call, folded into a running mean
  // (track_event_overhead). A --verify-timer process, traced from its start, measures both in the
  // same traced calls.
#if PODIUM_WITH_CUPTI
  std::optional<double> measure_empty_kernel_span(int calls) override {
    spin_up();
    if (profiler_attached()) return std::nullopt;
    try {
      return traced_empty_calls(calls).second;
    } catch (const std::exception& e) {
      calibration_note_ = std::string("event overhead not subtracted: ") + e.what();
      return std::nullopt;
    }
  }

  // The mean event interval and CUPTI span of `calls` traced calls of the empty kernel (the span
  // nullopt when CUPTI recorded none). Traces them for the occasion unless the process is traced.
  std::pair<double, std::optional<double>> traced_empty_calls(int calls) {
    const bool traced = static_cast<bool>(cupti_);
    if (!traced) cupti_ = std::make_unique<CuptiTimer>();
    const double interval = mean_empty_interval(calls);
    const auto witness = cupti_->take();
    if (!traced) cupti_.reset();
    return {interval, witness ? std::optional<double>(witness->mean_seconds) : std::nullopt};
  }
#endif

  // Under a profiler (cuda_profiler_attached) its own numbers rule.
  bool profiler_attached() {
    if (!cuda_profiler_attached(verify_timer_)) return false;
    calibration_note_ = "event overhead not subtracted: a CUDA profiler is attached";
    return true;
  }

  // The mean event interval of `calls` cold calls of the empty kernel, timed as the submission's
  // calls are (after a few untimed ones), with nothing subtracted.
  double mean_empty_interval(int calls) {
    for (int i = 0; i < 20; ++i) cold_interval(empty_entry, nullptr, true);
#if PODIUM_WITH_CUPTI
    if (cupti_) cupti_->take();
#endif
    double total = 0;
    for (int i = 0; i < calls; ++i) total += cold_interval(empty_entry, nullptr, true).value_or(0);
    return total / calls;
  }

  // One cold call: L2 flushed, the queue held while the start event, the call and the stop event
  // are enqueued, then released; the events' interval, nothing subtracted. nullopt when the call
  // waited for the GPU behind the held queue (the blocking kernel timed out): blocking then stops.
  // `witnessed`: CUPTI (--verify-timer) brackets the call as one of the submission's.
  std::optional<double> cold_interval(EntryPoint entry, void** args, bool witnessed) {
    check(flush_->enqueue(), "flushing L2");
    if (use_blocking_) check(blocking_->block(), "holding the queue");
    check(cudaEventRecord(start_, 0), "cudaEventRecord");
#if PODIUM_WITH_CUPTI
    witnessed = witnessed && cupti_;
    if (witnessed) cupti_->begin_call();
#endif
    entry(args);
#if PODIUM_WITH_CUPTI
    if (witnessed) cupti_->end_call();
#endif
    check(cudaEventRecord(stop_, 0), "cudaEventRecord");
    if (use_blocking_) blocking_->release();
    check(cudaGetLastError(), "launching the solution");
    check(cudaDeviceSynchronize(), "running the solution");
    if (use_blocking_ && blocking_->timed_out()) {
      use_blocking_ = false;
      return std::nullopt;
    }
    float ms = 0;
    check(cudaEventElapsedTime(&ms, start_, stop_), "cudaEventElapsedTime");
    return ms * 1e-3;
  }

  // The event overhead from here on: `empty_interval` less the empty kernel's span.
  void set_event_overhead(double empty_interval, double span) {
    span_ = span;
    event_overhead_ = overhead_of(empty_interval);
  }
  double overhead_of(double empty_interval) const { return std::max(0.0, empty_interval - span_); }

  // One more measurement of the event overhead, among the submission's calls: an empty kernel timed
  // as they are, folded into the running mean (a window of about 2 * kTrackingWeight measurements).
  void track_event_overhead() {
    if (const auto empty = cold_interval(empty_entry, nullptr, false))
      *event_overhead_ += (overhead_of(*empty) - *event_overhead_) / kTrackingWeight;
  }
  static constexpr int kCompanionEvery = 2;
  static constexpr double kTrackingWeight = 32;

  void use_empty_kernel_span(double seconds) override { given_span_ = seconds; }

  ~CudaBackend() override {
    cudaEventDestroy(start_);
    cudaEventDestroy(stop_);
    cudaFree(compare_state_);
  }

  std::string pci_bus_id() const override { return pci_bus_id_; }

  DeviceInfo device() const override {
    DeviceInfo d;
    d.backend = "cuda";
    d.name = props_.name;
    int driver = 0;
    cudaDriverGetVersion(&driver);
    d.driver = "CUDA " + std::to_string(driver / 1000) + "." + std::to_string((driver % 1000) / 10);
    d.sm_count = props_.multiProcessorCount;
    d.l2_bytes = static_cast<uint64_t>(props_.l2CacheSize);
    d.memory_bytes = props_.totalGlobalMem;
    int khz = 0;
    cudaDeviceGetAttribute(&khz, cudaDevAttrClockRate, 0);
    d.sm_clock_mhz = khz / 1000;
    return d;
  }

  void* allocate(size_t bytes) override {
    void* p = nullptr;
    const cudaError_t err = cudaMalloc(&p, bytes);
    if (err != cudaSuccess)
      throw std::runtime_error("out of GPU memory allocating " + std::to_string(bytes) + " bytes: " + cudaGetErrorString(err));
    return p;
  }

  void release(void* p) override { cudaFree(p); }

  void fill(void* dst, DType dtype, uint64_t count, const Distribution& d, uint64_t key, uint64_t first) override {
    if (count == 0) return;
    fill_kernel<<<grid_for(count), 256>>>(dst, dtype, count, d, key, first);
    check(cudaGetLastError(), "input generation");
    check(cudaDeviceSynchronize(), "input generation");
  }

  // cudaMemset, device-to-device and pageable host-to-device cudaMemcpy may return while the GPU
  // still works on them: the stream's order covers that within this process, settle() for another.
  void poison(void* dst, DType dtype, uint64_t count) override {
    check(cudaMemset(dst, dtype_is_float(dtype) ? 0xFF : 0xA5, count * dtype_size(dtype)), "poisoning outputs");
  }

  void settle() override { check(cudaDeviceSynchronize(), "finishing the judge's work on the device"); }

  void download(void* host, const void* src, size_t bytes) override {
    check(cudaMemcpy(host, src, bytes, cudaMemcpyDeviceToHost), "copying to the host");
  }

  void copy(void* dst, const void* src, size_t bytes) override {
    check(cudaMemcpy(dst, src, bytes, cudaMemcpyDeviceToDevice), "copying on the device");
  }

  void upload(void* dst, const void* host, size_t bytes) override {
    check(cudaMemcpy(dst, host, bytes, cudaMemcpyHostToDevice), "copying to the device");
  }

  void clear(void* dst, size_t bytes) override { check(cudaMemset(dst, 0, bytes), "zeroing outputs"); }

  DeviceComparison compare(const void* got, const void* expected, DType dtype, uint64_t count, double rtol, double atol,
                           bool exact) override {
    const CompareState init{0, ~0ull, 0, 0};
    check(cudaMemcpy(compare_state_, &init, sizeof init, cudaMemcpyHostToDevice), "comparing outputs");
    if (count) compare_kernel<<<grid_for(count), 256>>>(got, expected, dtype, count, rtol, atol, exact, compare_state_);
    check(cudaGetLastError(), "comparing outputs");
    CompareState out;
    check(cudaMemcpy(&out, compare_state_, sizeof out, cudaMemcpyDeviceToHost), "comparing outputs");
    DeviceComparison c;
    c.bad = out.bad;
    c.first_bad = out.bad ? static_cast<int64_t>(out.first_bad) : -1;
    c.max_abs_error = __builtin_bit_cast(double, out.max_abs_bits);
    c.max_rel_error = __builtin_bit_cast(double, out.max_rel_bits);
    return c;
  }

  int64_t first_difference(const void* a, const void* b, DType dtype, uint64_t count) override {
    unsigned long long first = ~0ull;
    check(cudaMemcpy(&compare_state_->first_bad, &first, sizeof first, cudaMemcpyHostToDevice), "checking inputs");
    if (count)
      difference_kernel<<<grid_for(count), 256>>>(static_cast<const unsigned char*>(a), static_cast<const unsigned char*>(b),
                                                   dtype_size(dtype), count, &compare_state_->first_bad);
    check(cudaGetLastError(), "checking inputs");
    check(cudaMemcpy(&first, &compare_state_->first_bad, sizeof first, cudaMemcpyDeviceToHost), "checking inputs");
    return first == ~0ull ? -1 : static_cast<int64_t>(first);
  }

  // A quarter of the device's memory, the rest left to the submission's own allocations.
  size_t rotation_budget_bytes() const override { return props_.totalGlobalMem / 4; }

  // A fifth of a second of work on every SM lifts the clocks from idle to their running state.
  void spin_up() {
    spin_kernel<<<props_.multiProcessorCount * 4, 128>>>(200'000'000);
    check(cudaGetLastError(), "warming up the GPU");
    check(cudaDeviceSynchronize(), "warming up the GPU");
  }

  // Then the event overhead, at running clocks (see measure_empty_kernel_span): this process's own
  // interval around the empty kernel, less the kernel's span (given, else measured here).
  void warm_up() override {
    spin_up();
    if (profiler_attached()) return;
#if PODIUM_WITH_CUPTI
    try {
      std::optional<double> span = given_span_;
      if (verify_timer_ || !span) {
        const auto [traced_interval, traced_span] = traced_empty_calls(verify_timer_ ? kOwnIntervalCalls : 400);
        if (!traced_span) return;
        if (verify_timer_) {  // every call of this process is traced, these ones too
          set_event_overhead(traced_interval, *traced_span);
          return;
        }
        span = traced_span;
      }
      set_event_overhead(mean_empty_interval(kOwnIntervalCalls), *span);
    } catch (const std::exception& e) {
      calibration_note_ = std::string("event overhead not subtracted: ") + e.what();
    }
#else
    if (given_span_) set_event_overhead(mean_empty_interval(kOwnIntervalCalls), *given_span_);
#endif
  }
  // Under 0.1 s on an H100: evaluations took about 0.04 s longer with it.
  static constexpr int kOwnIntervalCalls = 1000;

  void call(EntryPoint entry, void** args) override {
    entry(args);
    check(cudaGetLastError(), "launching the solution");
    check(cudaDeviceSynchronize(), "running the solution");
  }

  Sample timed_call(EntryPoint entry, void** args) override {
    Sample sample;
    const auto interval = cold_interval(entry, args, true);
    if (!interval) {  // the call waited for the GPU behind the held queue: the sample is dropped
      sample.deadlock = true;
      return sample;
    }
    sample.blocked = use_blocking_;
    if (use_blocking_ && event_overhead_ && ++timed_calls_ % kCompanionEvery == 0) track_event_overhead();
    sample.seconds = *interval - (use_blocking_ ? event_overhead_.value_or(0) : 0.0);
    const ClockState clocks = nvml_->read();
    sample.sm_clock_mhz = clocks.sm_clock_mhz;
    sample.temperature_c = clocks.temperature_c;
    sample.throttled = clocks.throttled;
    return sample;
  }

  std::optional<VerifiedTiming> take_verified_timing() override {
#if PODIUM_WITH_CUPTI
    if (cupti_) return cupti_->take();
#endif
    return std::nullopt;
  }

  std::string clock_description() const override {
    std::string s = "CUDA events, L2 flushed (" + std::to_string(flush_->bytes() >> 20) + " MiB written, then discarded)";
    s += use_blocking_ ? ", launches held behind a blocking kernel" : ", launch latency included (the solution synchronizes)";
    if (use_blocking_ && event_overhead_)
      s += ", event overhead subtracted (" + std::to_string(static_cast<int>(*event_overhead_ * 1e9)) +
           " ns as the case began: the interval of an empty kernel timed after one call in " +
           std::to_string(kCompanionEvery) + ", less its span from CUPTI" +
           (given_span_ && !verify_timer_ ? ", measured once for this GPU and driver)" : ", in this process)");
    if (!calibration_note_.empty()) s += ", " + calibration_note_;
    if (settled_context_) s += ", " + describe(*settled_context_);
    if (!nvml_->available()) s += ", clocks unknown (no NVML)";
    return s;
  }

 private:
  cudaDeviceProp props_{};
  std::string pci_bus_id_;
  std::unique_ptr<L2Flush> flush_;
  std::unique_ptr<BlockingKernel> blocking_;
  std::unique_ptr<Nvml> nvml_;
  bool use_blocking_ = true;
  std::optional<double> event_overhead_;  // seconds, once measured, then kept up to date; see measure_empty_kernel_span
  double span_ = 0;                       // the empty kernel's span it was measured with, seconds
  uint64_t timed_calls_ = 0;
  std::optional<double> given_span_;  // the empty kernel's span, from the judge
  bool verify_timer_ = false;
  std::optional<SettledContext> settled_context_;
  std::string calibration_note_;  // why it was not calibrated, when it was not
  cudaEvent_t start_ = nullptr, stop_ = nullptr;
  CompareState* compare_state_ = nullptr;
#if PODIUM_WITH_CUPTI
  std::unique_ptr<CuptiTimer> cupti_;
#endif
};

}  // namespace

std::unique_ptr<Backend> make_cuda_backend(const BackendOptions& options) { return std::make_unique<CudaBackend>(options); }

}  // namespace podium
