// Wrong leaky-relu: ignores the alpha argument and always uses 0.01. Passes the first test
// (alpha = 0.01) and fails the second (alpha = 0.05) as soon as any input is negative.
#include <cuda_runtime.h>

__global__ void leaky_relu(const float* input, float* output, size_t count) {
    size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < count) {
        float x = input[i];
        output[i] = x > 0.0f ? x : 0.01f * x;
    }
}

extern "C" void solution(const float* input, float alpha, float* output, size_t n, size_t m) {
    size_t count = n * m;
    leaky_relu<<<(count + 255) / 256, 256>>>(input, output, count);
}
