// Wrong conv2d: the naive kernel with an off-by-one output size, out = size - k instead of
// size - k + 1. The last row and column of every output plane are never computed, and because the
// wrong out is also used to index output, the rows that are written land at the wrong places. Fails
// every test: a wrong answer for (5, 3, 1, 1), the first (it writes a 2 × 2 plane into a 3 × 3 one),
// and for (1, 1, 1, 1) an empty grid, which CUDA refuses to launch.
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
                sum += plane[(y + i) * size + x + j] * w[i * k + j];
            }
        }
    }
    output[((b * channels + co) * out + y) * out + x] = sum;
}

extern "C" void solution(const float* input, const float* kernel, float* output, size_t batch, size_t channels,
                         size_t size, size_t k) {
    if (batch == 0 || channels == 0 || k == 0 || k > size) return;
    size_t out = size - k;
    dim3 block(16, 16);
    dim3 grid((unsigned)((out + 15) / 16), (unsigned)((out + 15) / 16), (unsigned)(batch * channels));
    conv2d<<<grid, block>>>(input, kernel, output, channels, size, k, out);
}
