// Wrong gelu: the exact GELU, x * Phi(x) = 0.5 x (1 + erf(x / sqrt 2)), instead of the tanh
// approximation the problem defines. The two differ by up to 4.7e-4, outside the tolerance for about
// half of all inputs in [-5, 5) (e.g. x = 1: 0.841345 vs 0.841192), so (31, 33) and every larger
// test fail; (1, 1) may pass.
#include <cuda_runtime.h>

__global__ void gelu(const float* input, float* output, size_t count) {
    size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < count) {
        float x = input[i];
        output[i] = 0.5f * x * (1.0f + erff(x * 0.70710678f));
    }
}

extern "C" void solution(const float* input, float* output, size_t n, size_t m) {
    size_t count = n * m;
    gelu<<<(count + 255) / 256, 256>>>(input, output, count);
}
