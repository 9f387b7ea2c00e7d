// Template for layer-norm: the signature Podium calls. Fill in the kernel.
#include <cuda_runtime.h>
#include <cstddef>

__global__ void layer_norm(const float* X, const float* gamma, const float* beta, float* Y, size_t n) {
    // TODO: for sample b = blockIdx.x (elements X[b * n .. b * n + n)): compute the mean and the biased
    // variance, then Y[b * n + i] = (X[b * n + i] - mean) / sqrt(var + 1e-5) * gamma[i] + beta[i].
}

extern "C" void solution(const float* X, const float* gamma, const float* beta, float* Y,
                         size_t B, size_t F, size_t D1, size_t D2) {
    size_t n = F * D1 * D2;
    if (B == 0 || n == 0) return;
    layer_norm<<<B, 256>>>(X, gamma, beta, Y, n);
}
