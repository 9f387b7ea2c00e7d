// Reference for conv-1d: C[i] = sum_j A[i + j - (K-1)/2] * B[j] with zero padding, one thread per
// output, accumulating in double. Launches and returns (Podium synchronizes).
#include <cuda_runtime.h>
#include <cstddef>

__global__ void reference_conv1d(const float* a, const float* b, float* c, size_t n, size_t k) {
    size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    long long half = (long long)(k - 1) / 2;
    double sum = 0.0;
    for (size_t j = 0; j < k; ++j) {
        long long src = (long long)i + (long long)j - half;
        if (src >= 0 && src < (long long)n) sum += (double)a[src] * (double)b[j];
    }
    c[i] = (float)sum;
}

extern "C" void reference(const float* A, const float* B, float* C, size_t N, size_t K) {
    if (N == 0) return;
    reference_conv1d<<<(unsigned)((N + 255) / 256), 256>>>(A, B, C, N, K);
}
