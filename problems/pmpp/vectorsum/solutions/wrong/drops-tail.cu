// Wrong vectorsum: reads the input as float4 and forgets the last n % 4 elements. Fails n = 1 (the sum
// is 0 instead of input[0]) and n = 31 (three elements of size ~1 missing, far beyond the tolerance of
// ~2e-4) and n = 65537 (one element missing); n = 1000 passes, as do the benchmark sizes: all are
// multiples of 4.
#include <cuda_runtime.h>

constexpr int kThreads = 256;

__global__ void vector_sum(const float4* __restrict__ input4, float* output, int n4) {
    __shared__ float shared[kThreads];
    float sum = 0.0f;
    for (int i = blockIdx.x * kThreads + threadIdx.x; i < n4; i += gridDim.x * kThreads) {
        float4 v = input4[i];
        sum += (v.x + v.y) + (v.z + v.w);
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
    cudaMemsetAsync(output, 0, sizeof(float));
    int n4 = n / 4;
    int blocks = (n4 + kThreads - 1) / kThreads;
    if (blocks > 1024) blocks = 1024;
    if (blocks < 1) blocks = 1;
    vector_sum<<<blocks, kThreads>>>(reinterpret_cast<const float4*>(input), output, n4);
}
