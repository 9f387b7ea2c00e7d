// Reference for matrix-multiplication: C = A * B, row-major fp32, A m×k, B k×n, C m×n.
// A straightforward 16×16 shared-memory tiled kernel with bounds checks, accumulating in double so the
// reference is closer to the exact product than any fp32 solution. Launches and returns.
#include <cuda_runtime.h>
#include <cstddef>

constexpr int TILE = 16;

__global__ void reference_matmul(const float* a, const float* b, float* c, size_t m, size_t n, size_t k) {
    __shared__ float a_tile[TILE][TILE];
    __shared__ float b_tile[TILE][TILE];
    size_t row = (size_t)blockIdx.y * TILE + threadIdx.y;
    size_t col = (size_t)blockIdx.x * TILE + threadIdx.x;
    double sum = 0.0;
    for (size_t t = 0; t < k; t += TILE) {
        size_t a_col = t + threadIdx.x;
        size_t b_row = t + threadIdx.y;
        a_tile[threadIdx.y][threadIdx.x] = (row < m && a_col < k) ? a[row * k + a_col] : 0.0f;
        b_tile[threadIdx.y][threadIdx.x] = (b_row < k && col < n) ? b[b_row * n + col] : 0.0f;
        __syncthreads();
        for (int l = 0; l < TILE; ++l) {
            sum += (double)a_tile[threadIdx.y][l] * (double)b_tile[l][threadIdx.x];
        }
        __syncthreads();
    }
    if (row < m && col < n) {
        c[row * n + col] = (float)sum;
    }
}

extern "C" void reference(const float* input_a, const float* input_b, float* output_c,
                          size_t m, size_t n, size_t k) {
    if (m == 0 || n == 0) return;
    dim3 block(TILE, TILE);
    dim3 grid((unsigned)((n + TILE - 1) / TILE), (unsigned)((m + TILE - 1) / TILE));
    reference_matmul<<<grid, block>>>(input_a, input_b, output_c, m, n, k);
}
