// Correct prefixsum, straightforward: each block of 1024 threads scans 1024 elements with a
// Hillis-Steele scan in shared memory and records its total; the block totals are scanned the same way
// (recursively, in a temporary buffer) and the scanned total of the earlier blocks is added to every
// element of each later block.
#include <cuda_runtime.h>
#include <cstddef>

constexpr int BLOCK = 1024;

__global__ void scan_blocks(const float* in, float* out, float* sums, size_t n) {
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
    if (t == BLOCK - 1) sums[blockIdx.x] = s[t];
}

__global__ void add_block_offsets(float* data, const float* scanned_sums, size_t n) {
    size_t i = (size_t)blockIdx.x * BLOCK + threadIdx.x;
    if (blockIdx.x > 0 && i < n) data[i] += scanned_sums[blockIdx.x - 1];
}

// Scans in into out (in may equal out).
static void scan(const float* in, float* out, size_t n) {
    size_t blocks = (n + BLOCK - 1) / BLOCK;
    float* sums = nullptr;
    cudaMalloc(&sums, blocks * sizeof(float));
    scan_blocks<<<(unsigned)blocks, BLOCK>>>(in, out, sums, n);
    if (blocks > 1) {
        scan(sums, sums, blocks);
        add_block_offsets<<<(unsigned)blocks, BLOCK>>>(out, sums, n);
    }
    cudaFree(sums);
}

extern "C" void solution(const float* input, float* output, size_t n) {
    if (n == 0) return;
    scan(input, output, n);
}
