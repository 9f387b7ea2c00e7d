// Template for conv2d: the signature Podium calls. Fill in the kernel.
#include <cuda_runtime.h>
#include <cstddef>

__global__ void conv2d(const float* input, const float* kernel, float* output, size_t batch, size_t channels,
                       size_t size, size_t k) {
    // TODO: for out = size - k + 1, compute output[((b * channels + co) * out + y) * out + x] =
    // sum over ci, i, j of input[((b * channels + ci) * size + y + i) * size + x + j]
    //                     * kernel[((co * channels + ci) * k + i) * k + j].
}

extern "C" void solution(const float* input, const float* kernel, float* output, size_t batch, size_t channels,
                         size_t size, size_t k) {
    size_t out = size - k + 1;
    dim3 block(16, 16);
    dim3 grid((unsigned)((out + 15) / 16), (unsigned)((out + 15) / 16), (unsigned)(batch * channels));
    conv2d<<<grid, block>>>(input, kernel, output, batch, channels, size, k);
}
