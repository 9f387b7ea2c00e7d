// Correct histogram, the straightforward way (PMPP chapter 9's first version): zero the bins, then one
// thread per element with a global atomicAdd. Correct, but slow when many elements hit one bin.
#include <cuda_runtime.h>
#include <cstdint>

__global__ void histogram_kernel(const uint8_t* data, int32_t* histogram, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        atomicAdd(&histogram[data[i]], 1);
    }
}

extern "C" void solution(const uint8_t* data, int32_t* histogram, int n) {
    cudaMemsetAsync(histogram, 0, 256 * sizeof(int32_t));
    if (n <= 0) return;
    histogram_kernel<<<(n + 255) / 256, 256>>>(data, histogram, n);
}
