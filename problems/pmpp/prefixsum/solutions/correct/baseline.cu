// Baseline prefixsum, a reasonable first optimized solution: reduce-then-scan in three kernels.
//   1. tile_sums:   each block of 256 threads sums one tile of 4096 elements (16 per thread).
//   2. scan_tile_sums: one block turns the tile sums into exclusive tile offsets, 256 at a time.
//   3. scan_tiles:  each block reloads its tile through shared memory (coalesced), every thread scans
//      16 consecutive elements in registers, a warp-shuffle block scan combines the threads' runs, and
//      the block adds its tile offset and stores the tile back through shared memory.
// Moves about 12 bytes per element (the input is read twice); a single-pass decoupled look-back scan
// would move 8.
#include <cuda_runtime.h>
#include <cstddef>

constexpr int THREADS = 256;
constexpr int WARPS = THREADS / 32;
constexpr int ITEMS = 16;
constexpr int TILE = THREADS * ITEMS;
constexpr unsigned FULL = 0xffffffffu;

// Index into a shared tile with one padding word every 32, so that thread t reading element
// t * ITEMS + j hits a different bank from the other threads of its warp.
__device__ __forceinline__ int padded(int p) { return p + p / 32; }

__device__ __forceinline__ float warp_inclusive_scan(float v) {
    int lane = threadIdx.x % 32;
    for (int offset = 1; offset < 32; offset *= 2) {
        float other = __shfl_up_sync(FULL, v, offset);
        if (lane >= offset) v += other;
    }
    return v;
}

// Exclusive scan of one value per thread across the block; *total receives the block's sum.
__device__ float block_exclusive_scan(float v, float* total) {
    __shared__ float warp_sums[WARPS];
    int lane = threadIdx.x % 32;
    int warp = threadIdx.x / 32;
    float inclusive = warp_inclusive_scan(v);
    float exclusive = __shfl_up_sync(FULL, inclusive, 1);
    if (lane == 0) exclusive = 0.0f;
    if (lane == 31) warp_sums[warp] = inclusive;
    __syncthreads();
    if (warp == 0) {
        float w = lane < WARPS ? warp_sums[lane] : 0.0f;
        w = warp_inclusive_scan(w);
        if (lane < WARPS) warp_sums[lane] = w;
    }
    __syncthreads();
    if (warp > 0) exclusive += warp_sums[warp - 1];
    *total = warp_sums[WARPS - 1];
    __syncthreads();  // warp_sums is reused by the next call
    return exclusive;
}

__global__ void tile_sums(const float* in, float* sums, size_t n) {
    size_t base = (size_t)blockIdx.x * TILE;
    float sum = 0.0f;
#pragma unroll
    for (int j = 0; j < ITEMS; ++j) {
        size_t i = base + (size_t)j * THREADS + threadIdx.x;
        if (i < n) sum += in[i];
    }
    float total;
    block_exclusive_scan(sum, &total);
    if (threadIdx.x == 0) sums[blockIdx.x] = total;
}

// In place: sums[b] becomes the sum of sums[0..b-1].
__global__ void scan_tile_sums(float* sums, size_t count) {
    float carry = 0.0f;
    for (size_t base = 0; base < count; base += THREADS) {
        size_t i = base + threadIdx.x;
        float v = i < count ? sums[i] : 0.0f;
        float total;
        float exclusive = block_exclusive_scan(v, &total);
        if (i < count) sums[i] = carry + exclusive;
        carry += total;
    }
}

__global__ void scan_tiles(const float* in, float* out, const float* offsets, size_t n) {
    __shared__ float tile[TILE + TILE / 32];
    size_t base = (size_t)blockIdx.x * TILE;
#pragma unroll
    for (int j = 0; j < ITEMS; ++j) {
        int p = j * THREADS + threadIdx.x;
        tile[padded(p)] = base + p < n ? in[base + p] : 0.0f;
    }
    __syncthreads();
    float run[ITEMS];
    float sum = 0.0f;
#pragma unroll
    for (int j = 0; j < ITEMS; ++j) {
        sum += tile[padded(threadIdx.x * ITEMS + j)];
        run[j] = sum;
    }
    float total;
    float before = offsets[blockIdx.x] + block_exclusive_scan(sum, &total);
#pragma unroll
    for (int j = 0; j < ITEMS; ++j) {
        tile[padded(threadIdx.x * ITEMS + j)] = before + run[j];
    }
    __syncthreads();
#pragma unroll
    for (int j = 0; j < ITEMS; ++j) {
        int p = j * THREADS + threadIdx.x;
        if (base + p < n) out[base + p] = tile[padded(p)];
    }
}

extern "C" void solution(const float* input, float* output, size_t n) {
    if (n == 0) return;
    size_t tiles = (n + TILE - 1) / TILE;
    float* sums = nullptr;
    // Stream-ordered scratch: cudaMalloc/cudaFree would synchronize the device on every call.
    cudaMallocAsync(&sums, tiles * sizeof(float), 0);
    tile_sums<<<(unsigned)tiles, THREADS>>>(input, sums, n);
    scan_tile_sums<<<1, THREADS>>>(sums, tiles);
    scan_tiles<<<(unsigned)tiles, THREADS>>>(input, output, sums, n);
    cudaFreeAsync(sums, 0);
}
