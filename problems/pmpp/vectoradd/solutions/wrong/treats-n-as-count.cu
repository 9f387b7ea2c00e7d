// Wrong vectoradd: treats n as the number of elements instead of the side of the N x N matrices, so
// only the first n of the n * n elements are written and the rest keep the NaN poison. Passes N = 1
// (where n * n == n) and fails every other case.
#include <cuda_runtime.h>
#include <cuda_fp16.h>

__global__ void vector_add(const __half* a, const __half* b, __half* c, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        c[i] = __hadd(a[i], b[i]);
    }
}

extern "C" void solution(const __half* a, const __half* b, __half* c, int n) {
    if (n <= 0) return;
    vector_add<<<(n + 255) / 256, 256>>>(a, b, c, n);
}
