// Template for vectorsum: the signature Podium calls. Fill in the kernel.
#include <cuda_runtime.h>

__global__ void vector_sum(const float* input, float* output, int n) {
    // TODO: add input[0..n) into output[0].
}

extern "C" void solution(const float* input, float* output, int n) {
    // output[0] holds NaN on entry: set it to 0 before accumulating into it.
    cudaMemsetAsync(output, 0, sizeof(float));
    vector_sum<<<(n + 255) / 256, 256>>>(input, output, n);
}
