// Wrong matmul: the naive kernel, but the running sum is an fp16 value (__hfma), so every addition is
// rounded to fp16. Once the sum reaches a few hundred, fp16's spacing (0.25 to 1) swallows most of each
// product: for k = 4096 the sums come out about 6% low, three times the tolerance. Passes the small
// tests, fails (64, 64, 4096) and the benchmarks.
#include <cuda_runtime.h>
#include <cuda_fp16.h>
#include <cstddef>

__global__ void matmul(const __half* a, const __half* b, __half* c, size_t m, size_t n, size_t k) {
    size_t row = (size_t)blockIdx.y * blockDim.y + threadIdx.y;
    size_t col = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (row < m && col < n) {
        __half sum = __float2half(0.0f);
        for (size_t l = 0; l < k; ++l) {
            sum = __hfma(a[row * k + l], b[l * n + col], sum);
        }
        c[row * n + col] = sum;
    }
}

extern "C" void solution(const __half* a, const __half* b, __half* c, size_t m, size_t n, size_t k) {
    if (m == 0 || n == 0) return;
    dim3 block(16, 16);
    dim3 grid((unsigned)((n + 15) / 16), (unsigned)((m + 15) / 16));
    matmul<<<grid, block>>>(a, b, c, m, n, k);
}
