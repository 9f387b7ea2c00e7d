// Baseline conv2d, a reasonable first optimized solution: shared-memory tiled direct convolution.
// Each block of 16×16 threads computes a 16×16 output tile of 4 output channels of one image. For each
// input channel it stages the (16 + k - 1)² input patch and the four k × k filters in shared memory, so
// every input value loaded from global memory is used by up to k² threads × 4 channels, and each
// thread keeps its 4 sums in registers (fp32). Dynamic shared memory grows with k; above 48 KiB the
// kernel opts in to more (fine up to k of about 100 on an H100).
#include <cuda_runtime.h>
#include <cstddef>

constexpr int TILE = 16;
constexpr int CO_PER_BLOCK = 4;

__global__ void __launch_bounds__(TILE * TILE)
conv2d_tiled(const float* input, const float* kernel, float* output, size_t channels, size_t size, int k,
             size_t out, size_t co_groups) {
    extern __shared__ float shared[];
    int patch = TILE + k - 1;
    float* in_tile = shared;                  // patch × patch
    float* filters = shared + patch * patch;  // CO_PER_BLOCK × k × k
    size_t b = blockIdx.z / co_groups;
    size_t co0 = (blockIdx.z % co_groups) * CO_PER_BLOCK;
    size_t y0 = (size_t)blockIdx.y * TILE;
    size_t x0 = (size_t)blockIdx.x * TILE;
    int tid = threadIdx.y * TILE + threadIdx.x;
    int kk = k * k;
    float sum[CO_PER_BLOCK] = {};
    for (size_t ci = 0; ci < channels; ++ci) {
        const float* plane = input + (b * channels + ci) * size * size;
        for (int e = tid; e < patch * patch; e += TILE * TILE) {
            size_t y = y0 + e / patch;
            size_t x = x0 + e % patch;
            in_tile[e] = (y < size && x < size) ? plane[y * size + x] : 0.0f;
        }
        for (int e = tid; e < CO_PER_BLOCK * kk; e += TILE * TILE) {
            size_t co = co0 + e / kk;
            filters[e] = co < channels ? kernel[(co * channels + ci) * kk + e % kk] : 0.0f;
        }
        __syncthreads();
        for (int i = 0; i < k; ++i) {
            const float* row = in_tile + (threadIdx.y + i) * patch + threadIdx.x;
            for (int j = 0; j < k; ++j) {
                float v = row[j];
#pragma unroll
                for (int c = 0; c < CO_PER_BLOCK; ++c) sum[c] += v * filters[c * kk + i * k + j];
            }
        }
        __syncthreads();
    }
    size_t y = y0 + threadIdx.y;
    size_t x = x0 + threadIdx.x;
    if (y >= out || x >= out) return;
#pragma unroll
    for (int c = 0; c < CO_PER_BLOCK; ++c) {
        size_t co = co0 + c;
        if (co < channels) output[((b * channels + co) * out + y) * out + x] = sum[c];
    }
}

extern "C" void solution(const float* input, const float* kernel, float* output, size_t batch, size_t channels,
                         size_t size, size_t k) {
    if (batch == 0 || channels == 0 || k == 0 || k > size) return;
    size_t out = size - k + 1;
    size_t patch = TILE + k - 1;
    size_t shared_bytes = (patch * patch + CO_PER_BLOCK * k * k) * sizeof(float);
    if (shared_bytes > 48 * 1024) {
        cudaFuncSetAttribute(conv2d_tiled, cudaFuncAttributeMaxDynamicSharedMemorySize, (int)shared_bytes);
    }
    size_t co_groups = (channels + CO_PER_BLOCK - 1) / CO_PER_BLOCK;
    dim3 block(TILE, TILE);
    dim3 grid((unsigned)((out + TILE - 1) / TILE), (unsigned)((out + TILE - 1) / TILE),
              (unsigned)(batch * co_groups));
    conv2d_tiled<<<grid, block, shared_bytes>>>(input, kernel, output, channels, size, (int)k, out, co_groups);
}
