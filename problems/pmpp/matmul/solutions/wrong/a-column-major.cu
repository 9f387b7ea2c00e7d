// Wrong matmul: reads A as if it were stored column-major (a[l * m + row] instead of a[row * k + l]).
// The index stays inside A (l < k and row < m), so nothing faults, but it multiplies the wrong
// elements unless m = 1 or k = 1. Passes (1, 1, 1); fails (33, 17, 65) and every later test.
#include <cuda_runtime.h>
#include <cuda_fp16.h>
#include <cstddef>

__global__ void matmul(const __half* a, const __half* b, __half* c, size_t m, size_t n, size_t k) {
    size_t row = (size_t)blockIdx.y * blockDim.y + threadIdx.y;
    size_t col = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (row < m && col < n) {
        float sum = 0.0f;
        for (size_t l = 0; l < k; ++l) {
            sum += __half2float(a[l * m + row]) * __half2float(b[l * n + col]);
        }
        c[row * n + col] = __float2half(sum);
    }
}

extern "C" void solution(const __half* a, const __half* b, __half* c, size_t m, size_t n, size_t k) {
    if (m == 0 || n == 0) return;
    dim3 block(16, 16);
    dim3 grid((unsigned)((n + 15) / 16), (unsigned)((m + 15) / 16));
    matmul<<<grid, block>>>(a, b, c, m, n, k);
}
