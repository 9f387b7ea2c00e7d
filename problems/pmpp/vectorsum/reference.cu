// Reference for vectorsum: sums in double, in a fixed order (so the result is deterministic), and rounds
// to float once. Pass 1: each of at most 1024 blocks sums a grid-stride share into one double; pass 2:
// one block sums the block partials. Device pointers; launches and returns.
#include <cuda_runtime.h>

constexpr int kThreads = 256;
constexpr int kMaxBlocks = 1024;

__device__ double g_partials[kMaxBlocks];

__device__ double block_sum(double value) {
    __shared__ double shared[1024];
    shared[threadIdx.x] = value;
    __syncthreads();
    for (unsigned width = blockDim.x / 2; width > 0; width /= 2) {
        if (threadIdx.x < width) {
            shared[threadIdx.x] += shared[threadIdx.x + width];
        }
        __syncthreads();
    }
    return shared[0];
}

__global__ void sum_blocks(const float* input, int n) {
    double sum = 0.0;
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n;
         i += (long long)gridDim.x * blockDim.x) {
        sum += (double)input[i];
    }
    double total = block_sum(sum);
    if (threadIdx.x == 0) {
        g_partials[blockIdx.x] = total;
    }
}

// Launched with kMaxBlocks threads (a power of two, as block_sum needs).
__global__ void sum_partials(float* output, int blocks) {
    double value = threadIdx.x < (unsigned)blocks ? g_partials[threadIdx.x] : 0.0;
    double total = block_sum(value);
    if (threadIdx.x == 0) {
        output[0] = (float)total;
    }
}

extern "C" void reference(const float* input, float* output, int n) {
    int blocks = (n + kThreads - 1) / kThreads;
    if (blocks > kMaxBlocks) blocks = kMaxBlocks;
    if (blocks < 1) blocks = 1;
    sum_blocks<<<blocks, kThreads>>>(input, n);
    sum_partials<<<1, kMaxBlocks>>>(output, blocks);
}
