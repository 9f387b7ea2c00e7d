// Writes far outside its output: an illegal memory access, a sticky CUDA error. Must end as
// gpu_fault, and the next evaluation must run normally.
#include <cuda_runtime.h>

__global__ void scribble(float* out) { out[threadIdx.x + (1ull << 40)] = 1.0f; }

extern "C" void solution(const float* d_input1, const float* d_input2, float* d_output, size_t n) {
  scribble<<<1, 32>>>(d_output);
}
