// Hostile: a kernel that never ends (it waits for the GPU's clock to read zero). The process is
// killed at the wall-time limit, which ends the kernel with its context; the next job finds the GPU
// free.
#include <cstdint>
#include <cuda_runtime.h>

__global__ void forever(float* out) {
  uint64_t now;
  do {
    asm volatile("mov.u64 %0, %%globaltimer;" : "=l"(now));
  } while (now != 0);
  out[0] = 0;
}

extern "C" void solution(const float*, const float*, float* d_output, size_t) { forever<<<1, 1>>>(d_output); }
