// Correct matrix-multiplication, naive: one thread per output element, reading A and B from global memory.
#include <cuda_runtime.h>

__global__ void matmul(const float* a, const float* b, float* c, size_t m, size_t n, size_t k) {
    size_t row = (size_t)blockIdx.y * blockDim.y + threadIdx.y;
    size_t col = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (row < m && col < n) {
        float sum = 0.0f;
        for (size_t l = 0; l < k; ++l) {
            sum += a[row * k + l] * b[l * n + col];
        }
        c[row * n + col] = sum;
    }
}

extern "C" void solution(const float* input_a, const float* input_b, float* output_c,
                         size_t m, size_t n, size_t k) {
    dim3 block(16, 16);
    dim3 grid((n + 15) / 16, (m + 15) / 16);
    matmul<<<grid, block>>>(input_a, input_b, output_c, m, n, k);
}
