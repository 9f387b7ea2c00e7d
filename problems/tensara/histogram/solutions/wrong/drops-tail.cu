// Wrong histogram: launches floor(n / 256) blocks of one thread per pixel, so the last n % 256 pixels
// are never counted. For 1 × 1 it launches nothing (all bins stay 0, one should be 1); fails every test
// (31 × 33 = 1023 pixels loses 255 of them; 1000 × 1000 loses 64).
#include <cuda_runtime.h>

__global__ void histogram_kernel(const float* image, float* histogram, size_t n) {
    size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) atomicAdd(&histogram[(int)image[i]], 1.0f);
}

extern "C" void solution(const float* image, int num_bins, float* histogram, size_t height, size_t width) {
    cudaMemset(histogram, 0, num_bins * sizeof(float));
    size_t n = height * width;
    size_t blocks = n / 256;
    if (blocks > 0) histogram_kernel<<<blocks, 256>>>(image, histogram, n);
}
