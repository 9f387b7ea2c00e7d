// Correct relu, written as a Tensara user would: one thread per element of the n*m matrix.
#include <cuda_runtime.h>

__global__ void relu(const float* input, float* output, size_t count) {
    size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < count) {
        output[i] = fmaxf(0.0f, input[i]);
    }
}

extern "C" void solution(const float* input, float* output, size_t n, size_t m) {
    size_t count = n * m;
    relu<<<(count + 255) / 256, 256>>>(input, output, count);
}
