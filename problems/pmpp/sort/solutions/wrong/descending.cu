// Wrong sort: the bitonic sort of correct/bitonic.cu with the comparison reversed, so the padded buffer
// ends up in DESCENDING order. The output is then the first n elements of that: the input in
// descending order when n is a power of two, and for other n the +infinity padding followed by the
// largest inputs. Passes n = 1 only; fails every other test.
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
    if (ascending ? a < b : a > b) {
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
