// Wrong conv2d: true convolution instead of cross-correlation. The naive kernel, but it reads the
// filter flipped in both directions (w[(k - 1 - i) * k + (k - 1 - j)]), as in the textbook definition of
// convolution; the problem asks for PyTorch's conv2d, which does not flip. Fails every test but
// (1, 1, 1, 1), whose 1 × 1 filter is its own flip (the random filters are not symmetric).
#include <cuda_runtime.h>
#include <cstddef>

__global__ void conv2d(const float* input, const float* kernel, float* output, size_t channels, size_t size,
                       size_t k, size_t out) {
    size_t x = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    size_t y = (size_t)blockIdx.y * blockDim.y + threadIdx.y;
    size_t b = blockIdx.z / channels;
    size_t co = blockIdx.z % channels;
    if (x >= out || y >= out) return;
    float sum = 0.0f;
    for (size_t ci = 0; ci < channels; ++ci) {
        const float* plane = input + (b * channels + ci) * size * size;
        const float* w = kernel + (co * channels + ci) * k * k;
        for (size_t i = 0; i < k; ++i) {
            for (size_t j = 0; j < k; ++j) {
                sum += plane[(y + i) * size + x + j] * w[(k - 1 - i) * k + (k - 1 - j)];
            }
        }
    }
    output[((b * channels + co) * out + y) * out + x] = sum;
}

extern "C" void solution(const float* input, const float* kernel, float* output, size_t batch, size_t channels,
                         size_t size, size_t k) {
    if (batch == 0 || channels == 0 || k == 0 || k > size) return;
    size_t out = size - k + 1;
    dim3 block(16, 16);
    dim3 grid((unsigned)((out + 15) / 16), (unsigned)((out + 15) / 16), (unsigned)(batch * channels));
    conv2d<<<grid, block>>>(input, kernel, output, channels, size, k, out);
}
