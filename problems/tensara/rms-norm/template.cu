// Template for rms-norm: the signature Podium calls. Fill in the kernel.
#include <cuda_runtime.h>
#include <cstddef>

__global__ void rms_norm(const float* X, float* Y, size_t N) {
    // TODO: for row b = blockIdx.x: Y[b * N + j] = X[b * N + j] / sqrt(mean of X[b * N + j]^2 + 1e-5).
}

extern "C" void solution(const float* X, float* Y, size_t B, size_t N) {
    if (B == 0 || N == 0) return;
    rms_norm<<<B, 256>>>(X, Y, N);
}
