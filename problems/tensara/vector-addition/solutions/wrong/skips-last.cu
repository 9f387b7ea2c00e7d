// Wrong vector-addition: off by one, the bound is `i < n - 1`, so the last element is never written
// and keeps the NaN poison. Fails every test case (for n = 1 it writes nothing at all).
#include <cuda_runtime.h>

__global__ void vector_add(const float* a, const float* b, float* c, size_t n) {
    size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n - 1) {
        c[i] = a[i] + b[i];
    }
}

extern "C" void solution(const float* d_input1, const float* d_input2, float* d_output, size_t n) {
    vector_add<<<(n + 255) / 256, 256>>>(d_input1, d_input2, d_output, n);
}
