// Correct rms-norm, written as a Tensara user would: one block per row, per-thread fp32 partial sums
// of squares, a warp-shuffle plus shared-memory reduction, then scale the row.
#include <cuda_runtime.h>

#define THREADS 256

__global__ void rms_norm(const float* X, float* Y, size_t N) {
    __shared__ float warp_sums[THREADS / 32];
    const float* x = X + blockIdx.x * N;
    float* y = Y + blockIdx.x * N;
    float sum = 0.0f;
    for (size_t i = threadIdx.x; i < N; i += THREADS) sum += x[i] * x[i];
    for (int offset = 16; offset > 0; offset /= 2) sum += __shfl_down_sync(0xffffffff, sum, offset);
    if (threadIdx.x % 32 == 0) warp_sums[threadIdx.x / 32] = sum;
    __syncthreads();
    if (threadIdx.x < 32) {
        sum = threadIdx.x < THREADS / 32 ? warp_sums[threadIdx.x] : 0.0f;
        for (int offset = 16; offset > 0; offset /= 2) sum += __shfl_down_sync(0xffffffff, sum, offset);
        if (threadIdx.x == 0) warp_sums[0] = sum;
    }
    __syncthreads();
    float inv = rsqrtf(warp_sums[0] / N + 1e-5f);
    for (size_t i = threadIdx.x; i < N; i += THREADS) y[i] = x[i] * inv;
}

extern "C" void solution(const float* X, float* Y, size_t B, size_t N) {
    rms_norm<<<B, THREADS>>>(X, Y, N);
}
