// See blocking_kernel.cuh.
#include "eval/cuda/blocking_kernel.cuh"

#include <atomic>
#include <stdexcept>
#include <string>

namespace podium {
namespace {

__device__ uint64_t global_timer_ns() {
  uint64_t t;
  asm volatile("mov.u64 %0, %%globaltimer;" : "=l"(t));
  return t;
}

__global__ void blocking_kernel(volatile int32_t* flags, uint64_t timeout_ns) {
  const uint64_t start = global_timer_ns();
  while (flags[0] == 0) {
    if (global_timer_ns() - start > timeout_ns) {
      flags[1] = 1;
      break;
    }
  }
}

}  // namespace

BlockingKernel::BlockingKernel(uint64_t timeout_ns) : timeout_ns_(timeout_ns) {
  void* host = nullptr;
  cudaError_t err = cudaHostAlloc(&host, 2 * sizeof(int32_t), cudaHostAllocMapped);
  if (err != cudaSuccess) throw std::runtime_error(std::string("allocating the blocking kernel's flags: ") + cudaGetErrorString(err));
  host_flags_ = static_cast<volatile int32_t*>(host);
  err = cudaHostGetDevicePointer(reinterpret_cast<void**>(&device_flags_), host, 0);
  if (err != cudaSuccess) throw std::runtime_error(std::string("mapping the blocking kernel's flags: ") + cudaGetErrorString(err));
}

BlockingKernel::~BlockingKernel() { cudaFreeHost(const_cast<int32_t*>(host_flags_)); }

cudaError_t BlockingKernel::block(cudaStream_t stream) {
  host_flags_[0] = 0;
  host_flags_[1] = 0;
  std::atomic_thread_fence(std::memory_order_seq_cst);
  blocking_kernel<<<1, 1, 0, stream>>>(device_flags_, timeout_ns_);
  return cudaGetLastError();
}

void BlockingKernel::release() {
  std::atomic_thread_fence(std::memory_order_seq_cst);
  host_flags_[0] = 1;
  std::atomic_thread_fence(std::memory_order_seq_cst);
}

bool BlockingKernel::timed_out() const { return host_flags_[1] != 0; }

}  // namespace podium
