// Holds the GPU's queue while a timed call is enqueued, so that the host's launch latency falls
// outside the measured interval (NVBench's blocking kernel).
//
// One thread spins on a flag in pinned, mapped host memory. The timed call's start event, the
// submission's launches and the stop event queue up behind it; the host then sets the flag and the
// whole batch runs back to back. Caveat: a submission that waits for the GPU inside its call
// (cudaDeviceSynchronize, a blocking cudaMemcpy) would wait forever behind the held queue. The spin
// therefore gives up after a timeout and records that it did; the sample is then invalid, and the
// caller stops using the blocking kernel for that submission.
#pragma once

#include <cuda_runtime.h>

#include <cstdint>

namespace podium {

class BlockingKernel {
 public:
  explicit BlockingKernel(uint64_t timeout_ns = 100'000'000);
  ~BlockingKernel();
  BlockingKernel(const BlockingKernel&) = delete;
  BlockingKernel& operator=(const BlockingKernel&) = delete;

  // Enqueues the spinning kernel on `stream` (the legacy default stream unless given).
  cudaError_t block(cudaStream_t stream = nullptr);
  // Lets it finish.
  void release();
  // After the device is synchronized: whether the last block() ended by its timeout.
  bool timed_out() const;

 private:
  volatile int32_t* host_flags_ = nullptr;  // [0] release, [1] timed out
  int32_t* device_flags_ = nullptr;
  uint64_t timeout_ns_;
};

}  // namespace podium
