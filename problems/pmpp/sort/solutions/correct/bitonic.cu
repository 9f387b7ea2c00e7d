// Correct sort, simple and slow: bitonic sort in global memory. The input is copied into a temporary
// buffer padded to the next power of two with +infinity (which sorts after every finite input), then
// one kernel launch per (k, j) step compares and swaps the pairs (i, i ^ j). O(n log^2 n) work,
// about 380 launches for n = 10^8; the first n elements of the buffer are the answer.
#include <cuda_runtime.h>
#include <cstddef>
#include <math_constants.h>

__global__ void pad_copy(const float* in, float* buf, size_t n, size_t padded) {
    size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < padded) buf[i] = i < n ? in[i] : CUDART_INF_F;
}

__global__ void bitonic_step(float* buf, size_t padded, size_t k, size_t j) {
    size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= padded) return;
    size_t partner = i ^ j;
    if (partner <= i) return;
    bool ascending = (i & k) == 0;
    float a = buf[i];
    float b = buf[partner];
    if (ascending ? a > b : a < b) {
        buf[i] = b;
        buf[partner] = a;
    }
}

extern "C" void solution(const float* input, float* output, size_t n) {
    if (n == 0) return;
    size_t padded = 1;
    while (padded < n) padded *= 2;
    float* buf = nullptr;
    cudaMalloc(&buf, padded * sizeof(float));
    unsigned blocks = (unsigned)((padded + 255) / 256);
    pad_copy<<<blocks, 256>>>(input, buf, n, padded);
    for (size_t k = 2; k <= padded; k *= 2) {
        for (size_t j = k / 2; j > 0; j /= 2) {
            bitonic_step<<<blocks, 256>>>(buf, padded, k, j);
        }
    }
    cudaMemcpy(output, buf, n * sizeof(float), cudaMemcpyDeviceToDevice);
    cudaFree(buf);
}
