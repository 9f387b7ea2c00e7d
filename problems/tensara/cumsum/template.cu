// Template for cumsum: the signature Podium calls. Fill in the kernels.
#include <cuda_runtime.h>
#include <cstddef>

__global__ void cumsum(const float* input, float* output, size_t N) {
    // TODO: output[i] = input[0] + ... + input[i] for every i < N (inclusive prefix sum).
}

extern "C" void solution(const float* input, float* output, size_t N) {
    if (N == 0) return;
    cumsum<<<(N + 255) / 256, 256>>>(input, output, N);
}
