// Correct gelu, written as a Tensara user would: one thread per element, the tanh formula in fp32.
#include <cuda_runtime.h>

__global__ void gelu(const float* input, float* output, size_t count) {
    size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < count) {
        float x = input[i];
        float inner = 0.7978845608f * (x + 0.044715f * x * x * x);
        output[i] = 0.5f * x * (1.0f + tanhf(inner));
    }
}

extern "C" void solution(const float* input, float* output, size_t n, size_t m) {
    size_t count = n * m;
    gelu<<<(count + 255) / 256, 256>>>(input, output, count);
}
