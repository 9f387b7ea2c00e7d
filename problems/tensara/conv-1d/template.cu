// Template for conv-1d: the signature Podium calls. Fill in the kernel.
#include <cuda_runtime.h>
#include <cstddef>

__global__ void conv1d(const float* A, const float* B, float* C, size_t N, size_t K) {
    // TODO: C[i] = sum over j < K of A[i + j - (K - 1) / 2] * B[j], counting A outside [0, N) as zero.
}

extern "C" void solution(const float* A, const float* B, float* C, size_t N, size_t K) {
    if (N == 0) return;
    conv1d<<<(N + 255) / 256, 256>>>(A, B, C, N, K);
}
