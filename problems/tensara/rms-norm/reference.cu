// Reference for rms-norm: one block per row, the sum of squares reduced in double, then
// Y = X / sqrt(mean + 1e-5) in double. Launches and returns (Podium synchronizes).
#include <cuda_runtime.h>
#include <cstddef>

constexpr int THREADS = 256;

__global__ void reference_rms_norm(const float* x, float* y, size_t n) {
    __shared__ double shared[THREADS];
    const float* row = x + (size_t)blockIdx.x * n;
    float* out = y + (size_t)blockIdx.x * n;
    double squares = 0.0;
    for (size_t i = threadIdx.x; i < n; i += THREADS) squares += (double)row[i] * (double)row[i];
    shared[threadIdx.x] = squares;
    __syncthreads();
    for (int step = THREADS / 2; step > 0; step /= 2) {
        if (threadIdx.x < step) shared[threadIdx.x] += shared[threadIdx.x + step];
        __syncthreads();
    }
    double inv = 1.0 / sqrt(shared[0] / (double)n + 1e-5);
    for (size_t i = threadIdx.x; i < n; i += THREADS) out[i] = (float)(row[i] * inv);
}

extern "C" void reference(const float* X, float* Y, size_t B, size_t N) {
    if (B == 0 || N == 0) return;
    reference_rms_norm<<<(unsigned)B, THREADS>>>(X, Y, N);
}
