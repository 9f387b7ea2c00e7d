// Hostile: a device-side assert fails in every thread. A gpu_fault (cudaErrorAssert).
#include <cassert>
#include <cuda_runtime.h>

__global__ void check(const float* a, size_t n) { assert(n == 0 && a == nullptr); }

extern "C" void solution(const float* d_input1, const float*, float*, size_t n) { check<<<1, 32>>>(d_input1, n); }
