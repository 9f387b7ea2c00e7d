// Correct layer-norm, written as a Tensara user would: one block per sample, fp32 shared-memory
// reductions for the mean and then the (biased) variance, then normalize, scale and shift.
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

__global__ void layer_norm(const float* X, const float* gamma, const float* beta, float* Y, size_t n) {
    __shared__ float shared[THREADS];
    const float* x = X + blockIdx.x * n;
    float* y = Y + blockIdx.x * n;
    float sum = 0.0f;
    for (size_t i = threadIdx.x; i < n; i += THREADS) sum += x[i];
    float mean = block_sum(sum, shared) / n;
    float squares = 0.0f;
    for (size_t i = threadIdx.x; i < n; i += THREADS) {
        float d = x[i] - mean;
        squares += d * d;
    }
    float var = block_sum(squares, shared) / n;
    float inv = rsqrtf(var + 1e-5f);
    for (size_t i = threadIdx.x; i < n; i += THREADS) {
        y[i] = (x[i] - mean) * inv * gamma[i] + beta[i];
    }
}

extern "C" void solution(const float* X, const float* gamma, const float* beta, float* Y,
                         size_t B, size_t F, size_t D1, size_t D2) {
    size_t n = F * D1 * D2;
    layer_norm<<<B, THREADS>>>(X, gamma, beta, Y, n);
}
