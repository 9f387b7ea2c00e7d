// Wrong prefixsum: each block of 1024 elements is scanned correctly on its own, but the totals of the
// earlier blocks are never added, so output[i] restarts from zero every 1024 elements. Passes
// n = 1, 31 and 1000 (a single block) and fails n = 65537 and every benchmark.
#include <cuda_runtime.h>
#include <cstddef>

constexpr int BLOCK = 1024;

__global__ void scan_blocks(const float* in, float* out, size_t n) {
    __shared__ float s[BLOCK];
    int t = threadIdx.x;
    size_t i = (size_t)blockIdx.x * BLOCK + t;
    s[t] = i < n ? in[i] : 0.0f;
    __syncthreads();
    for (int offset = 1; offset < BLOCK; offset *= 2) {
        float before = t >= offset ? s[t - offset] : 0.0f;
        __syncthreads();
        s[t] += before;
        __syncthreads();
    }
    if (i < n) out[i] = s[t];
}

extern "C" void solution(const float* input, float* output, size_t n) {
    if (n == 0) return;
    scan_blocks<<<(unsigned)((n + BLOCK - 1) / BLOCK), BLOCK>>>(input, output, n);
}
