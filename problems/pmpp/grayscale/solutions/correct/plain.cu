// Correct grayscale, the straightforward way (PMPP chapter 3 style): a 2D grid of 16 x 16 blocks, one
// thread per pixel, bounds checked in both dimensions.
#include <cuda_runtime.h>
#include <cstddef>

__global__ void grayscale(const float* image, float* gray, int size) {
    int x = blockIdx.x * blockDim.x + threadIdx.x;
    int y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x < size && y < size) {
        size_t p = (size_t)y * size + x;
        float r = image[3 * p];
        float g = image[3 * p + 1];
        float b = image[3 * p + 2];
        gray[p] = 0.2989f * r + 0.5870f * g + 0.1140f * b;
    }
}

extern "C" void solution(const float* image, float* gray, int size) {
    if (size <= 0) return;
    dim3 block(16, 16);
    dim3 grid((size + 15) / 16, (size + 15) / 16);
    grayscale<<<grid, block>>>(image, gray, size);
}
