// Correct sigmoid, written as a Tensara user would: one thread per element, expf in fp32.
#include <cuda_runtime.h>

__global__ void sigmoid(const float* input, float* output, size_t count) {
    size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < count) {
        output[i] = 1.0f / (1.0f + expf(-input[i]));
    }
}

extern "C" void solution(const float* input, float* output, size_t n, size_t m) {
    size_t count = n * m;
    sigmoid<<<(count + 255) / 256, 256>>>(input, output, count);
}
