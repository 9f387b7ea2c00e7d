// Wrong histogram: counts correctly with global atomics but never zeroes the bins first, so every bin
// starts from whatever the buffer held (Podium fills outputs with 0xA5 bytes: -1515870811 per bin; a
// harness that zero-fills, or reuses the last call's buffer, would hide or change the bug). Fails
// every case.
#include <cuda_runtime.h>
#include <cstdint>

__global__ void histogram_kernel(const uint8_t* data, int32_t* histogram, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        atomicAdd(&histogram[data[i]], 1);
    }
}

extern "C" void solution(const uint8_t* data, int32_t* histogram, int n) {
    if (n <= 0) return;
    histogram_kernel<<<(n + 255) / 256, 256>>>(data, histogram, n);
}
