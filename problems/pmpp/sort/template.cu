// Template for sort: the signature Podium calls. Fill in the kernels.
#include <cuda_runtime.h>
#include <cstddef>

__global__ void sort(const float* input, float* output, size_t n) {
    // TODO: write the n values of input to output in ascending order.
}

extern "C" void solution(const float* input, float* output, size_t n) {
    if (n == 0) return;
    sort<<<(unsigned)((n + 255) / 256), 256>>>(input, output, n);
}
