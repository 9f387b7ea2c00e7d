// Wrong matrix-multiplication: swaps the roles of n and k in the indexing (A read with row stride n,
// B with row stride k, sum over n terms). Right when n == k, so it passes (1,1,1) and (128,128,128),
// but fails (33,17,65) and (257,129,300), where n <= k keeps it in bounds, so the verdict is a wrong
// answer. Only the last test case, the largest benchmark (8192,4096,2048), has n > k: there it would
// read past A and fault with an illegal address, but the evaluation stops at the first failed case.
#include <cuda_runtime.h>

__global__ void matmul(const float* a, const float* b, float* c, size_t m, size_t n, size_t k) {
    size_t row = (size_t)blockIdx.y * blockDim.y + threadIdx.y;
    size_t col = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (row < m && col < n) {
        float sum = 0.0f;
        for (size_t l = 0; l < n; ++l) {
            sum += a[row * n + l] * b[l * k + col];
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
