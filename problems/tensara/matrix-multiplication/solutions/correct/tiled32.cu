// Correct matrix-multiplication: 32×32 shared-memory tiles, one thread per output element, with bounds
// checks on every load (zeros outside the matrices) so any m, n, k works.
#include <cuda_runtime.h>

constexpr int TILE = 32;

__global__ void matmul(const float* a, const float* b, float* c, size_t m, size_t n, size_t k) {
    __shared__ float a_tile[TILE][TILE];
    __shared__ float b_tile[TILE][TILE + 1];
    size_t row = (size_t)blockIdx.y * TILE + threadIdx.y;
    size_t col = (size_t)blockIdx.x * TILE + threadIdx.x;
    float sum = 0.0f;
    for (size_t t = 0; t < k; t += TILE) {
        size_t a_col = t + threadIdx.x;
        size_t b_row = t + threadIdx.y;
        a_tile[threadIdx.y][threadIdx.x] = (row < m && a_col < k) ? a[row * k + a_col] : 0.0f;
        b_tile[threadIdx.y][threadIdx.x] = (b_row < k && col < n) ? b[b_row * n + col] : 0.0f;
        __syncthreads();
#pragma unroll
        for (int l = 0; l < TILE; ++l) {
            sum += a_tile[threadIdx.y][l] * b_tile[l][threadIdx.x];
        }
        __syncthreads();
    }
    if (row < m && col < n) {
        c[row * n + col] = sum;
    }
}

extern "C" void solution(const float* input_a, const float* input_b, float* output_c,
                         size_t m, size_t n, size_t k) {
    dim3 block(TILE, TILE);
    dim3 grid((n + TILE - 1) / TILE, (m + TILE - 1) / TILE);
    matmul<<<grid, block>>>(input_a, input_b, output_c, m, n, k);
}
