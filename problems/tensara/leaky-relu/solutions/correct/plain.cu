// Correct leaky-relu, written as a Tensara user would: one thread per element, max(x, alpha * x)
// (equal to the definition because 0 < alpha < 1).
#include <cuda_runtime.h>

__global__ void leaky_relu(const float* input, float alpha, float* output, size_t count) {
    size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < count) {
        float x = input[i];
        output[i] = fmaxf(x, alpha * x);
    }
}

extern "C" void solution(const float* input, float alpha, float* output, size_t n, size_t m) {
    size_t count = n * m;
    leaky_relu<<<(count + 255) / 256, 256>>>(input, alpha, output, count);
}
