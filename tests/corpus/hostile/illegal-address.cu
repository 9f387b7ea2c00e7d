// Hostile: writes far outside its output, an illegal memory access: a sticky CUDA error that leaves
// the context unusable. A gpu_fault; the next job runs in a fresh process with a fresh context.
#include <cuda_runtime.h>

__global__ void scribble(float* out) { out[threadIdx.x + (1ull << 40)] = 1.0f; }

extern "C" void solution(const float*, const float*, float* d_output, size_t) { scribble<<<1, 32>>>(d_output); }
