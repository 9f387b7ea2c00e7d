// Reference for histogram: clamp each pixel to [0, num_bins - 1], truncate, count with 32-bit integer
// atomics into a cudaMalloc'd scratch array, then convert the counts to float. Launches and returns.
#include <cuda_runtime.h>
#include <cstddef>

__global__ void count_pixels(const float* image, unsigned* counts, size_t n, int bins) {
    size_t stride = (size_t)gridDim.x * blockDim.x;
    for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        float v = fminf(fmaxf(image[i], 0.0f), (float)(bins - 1));
        atomicAdd(&counts[(int)v], 1u);
    }
}

__global__ void counts_to_float(const unsigned* counts, float* histogram, int bins) {
    int k = blockIdx.x * blockDim.x + threadIdx.x;
    if (k < bins) histogram[k] = (float)counts[k];
}

extern "C" void reference(const float* image, int num_bins, float* histogram, size_t height, size_t width) {
    if (num_bins <= 0) return;
    unsigned* counts = nullptr;
    cudaMalloc(&counts, (size_t)num_bins * sizeof(unsigned));
    cudaMemset(counts, 0, (size_t)num_bins * sizeof(unsigned));
    size_t n = height * width;
    if (n > 0) {
        size_t blocks = (n + 255) / 256;
        if (blocks > 4096) blocks = 4096;
        count_pixels<<<(unsigned)blocks, 256>>>(image, counts, n, num_bins);
    }
    counts_to_float<<<(num_bins + 255) / 256, 256>>>(counts, histogram, num_bins);
    cudaFree(counts);  // waits for the kernels above
}
