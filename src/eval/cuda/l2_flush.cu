// See l2_flush.cuh.
#include "eval/cuda/l2_flush.cuh"

#include <stdexcept>
#include <string>

namespace podium {
namespace {

__global__ void discard_l2_kernel(char* buffer, size_t bytes) {
  const size_t stride = static_cast<size_t>(gridDim.x) * blockDim.x * 128;
  for (size_t off = (blockIdx.x * static_cast<size_t>(blockDim.x) + threadIdx.x) * 128; off + 128 <= bytes; off += stride)
    asm volatile("discard.global.L2 [%0], 128;" ::"l"(buffer + off) : "memory");
}

}  // namespace

L2Flush::L2Flush(size_t l2_bytes) : bytes_(2 * l2_bytes) {
  const cudaError_t err = cudaMalloc(&buffer_, bytes_);
  if (err != cudaSuccess) throw std::runtime_error(std::string("allocating the L2 flush buffer: ") + cudaGetErrorString(err));
}

L2Flush::~L2Flush() { cudaFree(buffer_); }

cudaError_t L2Flush::enqueue() {
  // Best effort: a device without persisting L2 support answers "not supported", which is harmless.
  cudaCtxResetPersistingL2Cache();
  cudaDeviceSetLimit(cudaLimitPersistingL2CacheSize, 0);
  cudaGetLastError();
  cudaError_t err = cudaMemsetAsync(buffer_, 0, bytes_, 0);
  if (err != cudaSuccess) return err;
  discard_l2_kernel<<<1024, 256>>>(static_cast<char*>(buffer_), bytes_);
  return cudaGetLastError();
}

}  // namespace podium
