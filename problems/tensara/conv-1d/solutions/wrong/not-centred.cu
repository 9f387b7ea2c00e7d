// Wrong conv-1d: takes problem.md's formula C[i] = sum_j A[i + j] * B[j] literally, without centring
// the kernel (zero beyond the end). Equal to the answer only when K = 1: passes (1, 1), fails (7, 3)
// and every later test.
#include <cuda_runtime.h>

__global__ void conv1d(const float* A, const float* B, float* C, size_t N, size_t K) {
    size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= N) return;
    float sum = 0.0f;
    for (size_t j = 0; j < K && i + j < N; ++j) sum += A[i + j] * B[j];
    C[i] = sum;
}

extern "C" void solution(const float* A, const float* B, float* C, size_t N, size_t K) {
    conv1d<<<(N + 255) / 256, 256>>>(A, B, C, N, K);
}
