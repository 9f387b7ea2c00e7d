// Wrong vectorsum: the baseline without zeroing the output first. Every block atomically adds into
// output[0], which holds the NaN poison on entry (and, on a real harness, whatever the last call left),
// so the result is NaN. Fails every case.
#include <cuda_runtime.h>

constexpr int kThreads = 256;

__global__ void vector_sum(const float* __restrict__ input, float* output, int n) {
    __shared__ float shared[kThreads];
    float sum = 0.0f;
    for (int i = blockIdx.x * kThreads + threadIdx.x; i < n; i += gridDim.x * kThreads) {
        sum += input[i];
    }
    shared[threadIdx.x] = sum;
    __syncthreads();
    for (int width = kThreads / 2; width > 0; width /= 2) {
        if (threadIdx.x < width) {
            shared[threadIdx.x] += shared[threadIdx.x + width];
        }
        __syncthreads();
    }
    if (threadIdx.x == 0) {
        atomicAdd(output, shared[0]);
    }
}

extern "C" void solution(const float* input, float* output, int n) {
    int blocks = (n + kThreads - 1) / kThreads;
    if (blocks > 1024) blocks = 1024;
    if (blocks < 1) blocks = 1;
    vector_sum<<<blocks, kThreads>>>(input, output, n);
}
