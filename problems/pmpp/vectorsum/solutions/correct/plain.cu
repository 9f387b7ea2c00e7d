// Correct vectorsum, the straightforward way (PMPP chapter 10 style): one thread per element, a tree
// reduction in shared memory per block of 256, and one atomicAdd per block into the zeroed output.
#include <cuda_runtime.h>

constexpr int kThreads = 256;

__global__ void vector_sum(const float* input, float* output, int n) {
    __shared__ float shared[kThreads];
    int i = blockIdx.x * kThreads + threadIdx.x;
    shared[threadIdx.x] = i < n ? input[i] : 0.0f;
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
    if (n <= 0) return;
    vector_sum<<<(n + kThreads - 1) / kThreads, kThreads>>>(input, output, n);
}
