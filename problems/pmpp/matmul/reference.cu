// Reference for matmul: C = A * B, row-major fp16, A m×k, B k×n, C m×n. A straightforward 16×16
// shared-memory tiled kernel with bounds checks; the tiles are held as double and the sums accumulate
// in double, so each output is the exact sum (products of fp16 values are exact in double) rounded to
// fp16 once. Launches and returns.
#include <cuda_runtime.h>
#include <cuda_fp16.h>
#include <cstddef>

constexpr int TILE = 16;

__global__ void reference_matmul(const __half* a, const __half* b, __half* c, size_t m, size_t n, size_t k) {
    __shared__ double a_tile[TILE][TILE];
    __shared__ double b_tile[TILE][TILE];
    size_t row = (size_t)blockIdx.y * TILE + threadIdx.y;
    size_t col = (size_t)blockIdx.x * TILE + threadIdx.x;
    double sum = 0.0;
    for (size_t t = 0; t < k; t += TILE) {
        size_t a_col = t + threadIdx.x;
        size_t b_row = t + threadIdx.y;
        a_tile[threadIdx.y][threadIdx.x] = (row < m && a_col < k) ? (double)__half2float(a[row * k + a_col]) : 0.0;
        b_tile[threadIdx.y][threadIdx.x] = (b_row < k && col < n) ? (double)__half2float(b[b_row * n + col]) : 0.0;
        __syncthreads();
        for (int l = 0; l < TILE; ++l) {
            sum += a_tile[threadIdx.y][l] * b_tile[l][threadIdx.x];
        }
        __syncthreads();
    }
    if (row < m && col < n) {
        c[row * n + col] = __double2half(sum);
    }
}

extern "C" void reference(const __half* a, const __half* b, __half* c, size_t m, size_t n, size_t k) {
    if (m == 0 || n == 0) return;
    dim3 block(TILE, TILE);
    dim3 grid((unsigned)((n + TILE - 1) / TILE), (unsigned)((m + TILE - 1) / TILE));
    reference_matmul<<<grid, block>>>(a, b, c, m, n, k);
}
