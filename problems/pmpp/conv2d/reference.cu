// Reference for conv2d: cross-correlation of fp32 NCHW input (batch, channels, size, size) with
// kernel (channels, channels, k, k), no padding, stride 1, output (batch, channels, out, out) with
// out = size - k + 1. Each block computes a 16×16 tile of one output channel of one image: for every
// input channel it stages the (16 + k - 1)² input patch and the k × k filter in shared memory as double,
// and every thread accumulates its output in double (the products of two floats are exact in double).
// Launches and returns.
#include <cuda_runtime.h>
#include <cstddef>

constexpr int TILE = 16;

__global__ void reference_conv2d(const float* input, const float* kernel, float* output, size_t channels,
                                 size_t size, size_t k, size_t out) {
    extern __shared__ double shared[];
    size_t patch = TILE + k - 1;
    double* in_tile = shared;                 // patch × patch
    double* filter = shared + patch * patch;  // k × k
    size_t b = blockIdx.z / channels;
    size_t co = blockIdx.z % channels;
    size_t y0 = (size_t)blockIdx.y * TILE;
    size_t x0 = (size_t)blockIdx.x * TILE;
    int tid = threadIdx.y * TILE + threadIdx.x;
    double sum = 0.0;
    for (size_t ci = 0; ci < channels; ++ci) {
        const float* plane = input + (b * channels + ci) * size * size;
        for (size_t e = tid; e < patch * patch; e += TILE * TILE) {
            size_t y = y0 + e / patch;
            size_t x = x0 + e % patch;
            in_tile[e] = (y < size && x < size) ? (double)plane[y * size + x] : 0.0;
        }
        const float* w = kernel + (co * channels + ci) * k * k;
        for (size_t e = tid; e < k * k; e += TILE * TILE) filter[e] = (double)w[e];
        __syncthreads();
        for (size_t i = 0; i < k; ++i) {
            for (size_t j = 0; j < k; ++j) {
                sum += in_tile[(threadIdx.y + i) * patch + threadIdx.x + j] * filter[i * k + j];
            }
        }
        __syncthreads();
    }
    size_t y = y0 + threadIdx.y;
    size_t x = x0 + threadIdx.x;
    if (y < out && x < out) output[((b * channels + co) * out + y) * out + x] = (float)sum;
}

extern "C" void reference(const float* input, const float* kernel, float* output, size_t batch,
                          size_t channels, size_t size, size_t k) {
    if (batch == 0 || channels == 0 || k == 0 || k > size) return;
    size_t out = size - k + 1;
    size_t patch = TILE + k - 1;
    size_t shared_bytes = (patch * patch + k * k) * sizeof(double);
    if (shared_bytes > 48 * 1024) {
        cudaFuncSetAttribute(reference_conv2d, cudaFuncAttributeMaxDynamicSharedMemorySize, (int)shared_bytes);
    }
    dim3 block(TILE, TILE);
    dim3 grid((unsigned)((out + TILE - 1) / TILE), (unsigned)((out + TILE - 1) / TILE), (unsigned)(batch * channels));
    reference_conv2d<<<grid, block, shared_bytes>>>(input, kernel, output, channels, size, k, out);
}
