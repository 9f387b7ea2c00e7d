// Correct cumsum, written as a Tensara user would: (1) each block scans 1024 elements in shared memory
// (Hillis-Steele) and records its total; (2) one block scans the block totals (sequentially per thread
// 0, fine for up to a few hundred thousand blocks); (3) each block adds the totals of the blocks
// before it. fp32 throughout; scratch from cudaMalloc.
#include <cuda_runtime.h>

#define BLOCK 1024

__global__ void block_scan(const float* in, float* out, float* block_sums, size_t n) {
    __shared__ float s[BLOCK];
    size_t i = (size_t)blockIdx.x * BLOCK + threadIdx.x;
    s[threadIdx.x] = i < n ? in[i] : 0.0f;
    __syncthreads();
    for (int offset = 1; offset < BLOCK; offset *= 2) {
        float add = threadIdx.x >= offset ? s[threadIdx.x - offset] : 0.0f;
        __syncthreads();
        s[threadIdx.x] += add;
        __syncthreads();
    }
    if (i < n) out[i] = s[threadIdx.x];
    if (threadIdx.x == BLOCK - 1) block_sums[blockIdx.x] = s[BLOCK - 1];
}

__global__ void scan_block_sums(float* block_sums, size_t blocks) {
    if (threadIdx.x != 0) return;
    float running = 0.0f;
    for (size_t b = 0; b < blocks; ++b) {
        float t = block_sums[b];
        block_sums[b] = running;  // exclusive: the sum of all earlier blocks
        running += t;
    }
}

__global__ void add_offsets(float* out, const float* block_sums, size_t n) {
    size_t i = (size_t)blockIdx.x * BLOCK + threadIdx.x;
    if (i < n) out[i] += block_sums[blockIdx.x];
}

extern "C" void solution(const float* input, float* output, size_t N) {
    size_t blocks = (N + BLOCK - 1) / BLOCK;
    float* block_sums;
    cudaMalloc(&block_sums, blocks * sizeof(float));
    block_scan<<<blocks, BLOCK>>>(input, output, block_sums, N);
    scan_block_sums<<<1, 32>>>(block_sums, blocks);
    add_offsets<<<blocks, BLOCK>>>(output, block_sums, N);
    cudaFree(block_sums);
}
