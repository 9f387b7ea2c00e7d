// What the timer benches share: the cold call as Podium times a submission
// (src/eval/cuda/cuda_backend.cu), a running tally, and a CUDA error check that ends the bench.
#pragma once

#include <cuda_runtime.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>

#include "eval/cuda/blocking_kernel.cuh"
#include "eval/cuda/cupti_timer.cuh"
#include "eval/cuda/l2_flush.cuh"

namespace podium::bench {

inline void check(cudaError_t err, const char* what) {
  if (err != cudaSuccess) {
    std::fprintf(stderr, "%s: %s\n", what, cudaGetErrorString(err));
    std::exit(1);
  }
}

// A memory pool that keeps what is freed into it, as the evaluator sets the contestant's default pool
// (src/eval/cuda/cuda_backend.cu): a call's stream-ordered scratch is not mapped again every call.
// The device's default pool unless `pool` is given.
inline void keep_freed_memory(cudaMemPool_t pool = nullptr) {
  if (!pool) check(cudaDeviceGetDefaultMemPool(&pool, 0), "cudaDeviceGetDefaultMemPool");
  uint64_t keep_all = UINT64_MAX;
  check(cudaMemPoolSetAttribute(pool, cudaMemPoolAttrReleaseThreshold, &keep_all), "cudaMemPoolSetAttribute");
}

struct Tally {
  double sum = 0, sum_sq = 0;
  int n = 0;
  void add(double x) { sum += x, sum_sq += x * x, ++n; }
  double mean() const { return n ? sum / n : 0; }
  double sd() const { return n ? std::sqrt(std::max(0.0, sum_sq / n - mean() * mean())) : 0; }
  double std_error() const { return n ? sd() / std::sqrt(n) : 0; }
};

// One cold call: the L2 flushed (unless `flush` is null), the queue held by the blocking kernel while
// the start event, `marker` (if any), `call` and the stop event are enqueued, then released and the
// device synchronized. Returns the events' interval in µs; the bench ends if the blocking kernel timed
// out. With `cupti`, the call (not the marker) is bracketed for CUPTI's records.
class ColdCall {
 public:
  ColdCall() {
    check(cudaEventCreate(&start_), "cudaEventCreate");
    check(cudaEventCreate(&stop_), "cudaEventCreate");
  }
  ~ColdCall() {
    cudaEventDestroy(start_);
    cudaEventDestroy(stop_);
  }
  ColdCall(const ColdCall&) = delete;
  ColdCall& operator=(const ColdCall&) = delete;

  double operator()(L2Flush* flush, CuptiTimer* cupti, const std::function<void()>& call,
                    const std::function<void()>& marker = {}) {
    if (flush) check(flush->enqueue(), "flush");
    check(blocking_.block(), "block");
    check(cudaEventRecord(start_, 0), "cudaEventRecord");
    if (marker) marker();
    if (cupti) cupti->begin_call();
    call();
    if (cupti) cupti->end_call();
    check(cudaEventRecord(stop_, 0), "cudaEventRecord");
    blocking_.release();
    check(cudaDeviceSynchronize(), "running the call");
    if (blocking_.timed_out()) {
      std::fprintf(stderr, "the blocking kernel timed out\n");
      std::exit(1);
    }
    float ms = 0;
    check(cudaEventElapsedTime(&ms, start_, stop_), "cudaEventElapsedTime");
    return ms * 1e3;
  }

 private:
  BlockingKernel blocking_;
  cudaEvent_t start_ = nullptr, stop_ = nullptr;
};

}  // namespace podium::bench
