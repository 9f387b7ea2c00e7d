// Wrong relu: processes only n elements (the row count) instead of n * m, so every other element
// keeps the NaN poison. Passes (1, 1); fails every other test.
#include <cuda_runtime.h>

__global__ void relu(const float* input, float* output, size_t count) {
    size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < count) {
        output[i] = fmaxf(0.0f, input[i]);
    }
}

extern "C" void solution(const float* input, float* output, size_t n, size_t m) {
    relu<<<(n + 255) / 256, 256>>>(input, output, n);
}
