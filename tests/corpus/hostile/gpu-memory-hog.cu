// Hostile: takes every byte of GPU memory it can get and keeps it, until an allocation fails.
// The failed allocation is "GPU memory exhausted" (memory_limit); the memory goes back to the
// driver with the process.
#include <cuda_runtime.h>

extern "C" void solution(const float*, const float*, float*, size_t) {
  size_t chunk = size_t{1} << 30;
  for (;;) {
    void* p = nullptr;
    if (cudaMalloc(&p, chunk) != cudaSuccess) {
      if (chunk <= (size_t{1} << 20)) break;
      chunk /= 2;
    }
  }
  void* last = nullptr;
  cudaMalloc(&last, size_t{1} << 30);  // fails, and leaves the error for the harness to see
}
