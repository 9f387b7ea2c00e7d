// Correct histogram in the simplest Tensara style: one global atomicAdd per pixel straight into the
// output, which it never clears: Tensara (and Podium, for this problem) hands it over zero-filled.
#include <cuda_runtime.h>

__global__ void histogram_kernel(const float* image, int num_bins, float* histogram, size_t n) {
    size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        int v = (int)image[i];
        v = v < 0 ? 0 : (v >= num_bins ? num_bins - 1 : v);
        atomicAdd(&histogram[v], 1.0f);
    }
}

extern "C" void solution(const float* image, int num_bins, float* histogram, size_t height, size_t width) {
    size_t n = height * width;
    if (n == 0) return;
    histogram_kernel<<<(n + 255) / 256, 256>>>(image, num_bins, histogram, n);
}
