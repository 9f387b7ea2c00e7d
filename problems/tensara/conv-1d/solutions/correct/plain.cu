// Correct conv-1d, written as a Tensara user would: one thread per output, the kernel centred on it,
// skipping taps that fall outside the signal (zero padding); fp32 accumulation.
#include <cuda_runtime.h>

__global__ void conv1d(const float* A, const float* B, float* C, size_t N, size_t K) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= (int)N) return;
    int half = (int)(K - 1) / 2;
    float sum = 0.0f;
    for (int j = 0; j < (int)K; ++j) {
        int src = i + j - half;
        if (src >= 0 && src < (int)N) sum += A[src] * B[j];
    }
    C[i] = sum;
}

extern "C" void solution(const float* A, const float* B, float* C, size_t N, size_t K) {
    conv1d<<<(N + 255) / 256, 256>>>(A, B, C, N, K);
}
