// Reference for histogram: zero the 256 bins, then one global atomicAdd per element, grid-stride.
// Exact whatever the order of the atomics. Device pointers; launches and returns.
#include <cuda_runtime.h>
#include <cstdint>

__global__ void reference_zero(int32_t* histogram) {
    histogram[threadIdx.x] = 0;
}

__global__ void reference_count(const uint8_t* data, int32_t* histogram, int n) {
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n;
         i += (long long)gridDim.x * blockDim.x) {
        atomicAdd(&histogram[data[i]], 1);
    }
}

extern "C" void reference(const uint8_t* data, int32_t* histogram, int n) {
    reference_zero<<<1, 256>>>(histogram);
    if (n <= 0) return;
    long long blocks = ((long long)n + 255) / 256;
    // The grid-stride loop covers any n, so the grid can be capped well below the hardware limit.
    if (blocks > 65535) blocks = 65535;
    reference_count<<<(unsigned)blocks, 256>>>(data, histogram, n);
}
