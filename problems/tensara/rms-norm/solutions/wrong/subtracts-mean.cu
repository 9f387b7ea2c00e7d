// Wrong rms-norm: centres each row first (computes (x - mean) / sqrt(var + eps), a layer norm without
// weights) instead of x / rms(x). For N = 1 it writes 0 where the answer is about ±1; fails every test.
#include <cuda_runtime.h>

#define THREADS 256

__device__ float block_sum(float value, float* shared) {
    shared[threadIdx.x] = value;
    __syncthreads();
    for (int step = THREADS / 2; step > 0; step /= 2) {
        if (threadIdx.x < step) shared[threadIdx.x] += shared[threadIdx.x + step];
        __syncthreads();
    }
    float total = shared[0];
    __syncthreads();
    return total;
}

__global__ void rms_norm(const float* X, float* Y, size_t N) {
    __shared__ float shared[THREADS];
    const float* x = X + blockIdx.x * N;
    float* y = Y + blockIdx.x * N;
    float sum = 0.0f;
    for (size_t i = threadIdx.x; i < N; i += THREADS) sum += x[i];
    float mean = block_sum(sum, shared) / N;
    float squares = 0.0f;
    for (size_t i = threadIdx.x; i < N; i += THREADS) squares += (x[i] - mean) * (x[i] - mean);
    float inv = rsqrtf(block_sum(squares, shared) / N + 1e-5f);
    for (size_t i = threadIdx.x; i < N; i += THREADS) y[i] = (x[i] - mean) * inv;
}

extern "C" void solution(const float* X, float* Y, size_t B, size_t N) {
    rms_norm<<<B, THREADS>>>(X, Y, N);
}
