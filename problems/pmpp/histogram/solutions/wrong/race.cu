// Wrong histogram: the privatized baseline with plain `bins[v] += 1` instead of atomicAdd on the
// shared-memory bins. This is a data race: when several threads of a warp (or of the block) increment
// the same bin at the same time they all read the same old count and all write old + 1, so counts are
// lost. Passes n = 1; fails n = 1000 (32 lanes over 256 bins collide in most steps) and certainly
// n = 65537 at 50% contention, where half the lanes of every warp hit bin 17 together.
#include <cuda_runtime.h>
#include <cstdint>

constexpr int kBins = 256;
constexpr int kThreads = 256;

__device__ __forceinline__ void count_word(uint32_t word, int* bins) {
    bins[word & 0xFF] += 1;
    bins[(word >> 8) & 0xFF] += 1;
    bins[(word >> 16) & 0xFF] += 1;
    bins[word >> 24] += 1;
}

__global__ void histogram_kernel(const uint8_t* __restrict__ data, int32_t* histogram,
                                 long long vectors, long long n) {
    __shared__ int bins[kBins];
    for (int b = threadIdx.x; b < kBins; b += kThreads) {
        bins[b] = 0;
    }
    __syncthreads();

    long long index = (long long)blockIdx.x * kThreads + threadIdx.x;
    long long stride = (long long)gridDim.x * kThreads;
    const uint4* data16 = reinterpret_cast<const uint4*>(data);
    for (long long i = index; i < vectors; i += stride) {
        uint4 v = data16[i];
        count_word(v.x, bins);
        count_word(v.y, bins);
        count_word(v.z, bins);
        count_word(v.w, bins);
    }
    for (long long i = vectors * 16 + index; i < n; i += stride) {
        bins[data[i]] += 1;
    }
    __syncthreads();

    for (int b = threadIdx.x; b < kBins; b += kThreads) {
        if (bins[b] != 0) {
            atomicAdd(&histogram[b], bins[b]);
        }
    }
}

extern "C" void solution(const uint8_t* data, int32_t* histogram, int n) {
    cudaMemsetAsync(histogram, 0, kBins * sizeof(int32_t));
    if (n <= 0) return;
    long long vectors = n / 16;
    long long rest = n - vectors * 16;
    long long work = vectors > rest ? vectors : rest;
    long long blocks = (work + kThreads - 1) / kThreads;
    if (blocks > 1024) blocks = 1024;
    if (blocks < 1) blocks = 1;
    histogram_kernel<<<(unsigned)blocks, kThreads>>>(data, histogram, vectors, n);
}
