// Wrong grayscale: reads the pixel as BGR, so the red and blue weights are swapped
// (0.1140 R + 0.5870 G + 0.2989 B). The error is 0.1849 * |R - B|, above the tolerance for almost
// every pixel; fails every case of more than a handful of pixels.
#include <cuda_runtime.h>
#include <cstddef>

__global__ void grayscale(const float* image, float* gray, size_t pixels) {
    size_t p = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (p < pixels) {
        float b = image[3 * p];
        float g = image[3 * p + 1];
        float r = image[3 * p + 2];
        gray[p] = 0.2989f * r + 0.5870f * g + 0.1140f * b;
    }
}

extern "C" void solution(const float* image, float* gray, int size) {
    size_t pixels = (size_t)size * (size_t)size;
    if (pixels == 0) return;
    grayscale<<<(unsigned)((pixels + 255) / 256), 256>>>(image, gray, pixels);
}
