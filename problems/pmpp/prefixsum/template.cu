// Template for prefixsum: the signature Podium calls. Fill in the kernels.
#include <cuda_runtime.h>
#include <cstddef>

__global__ void scan(const float* input, float* output, size_t n) {
    // TODO: compute output[i] = input[0] + ... + input[i] for every i < n.
}

extern "C" void solution(const float* input, float* output, size_t n) {
    if (n == 0) return;
    scan<<<(unsigned)((n + 255) / 256), 256>>>(input, output, n);
}
