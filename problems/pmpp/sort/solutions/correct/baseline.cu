// Baseline sort, a reasonable first optimized solution: LSD radix sort of the float bit patterns,
// 8 bits per pass, four passes. Floats are mapped to unsigned keys that order the same way (negative:
// flip every bit; positive: set the sign bit), sorted, and mapped back in the last pass. Each pass:
//   1. digit_counts:    each block counts the 256 digits of one tile of 4096 keys in shared memory and
//                       writes them digit-major (counts[digit * tiles + tile]);
//   2. scan_digit_rows: one block per digit scans its row, giving each tile's start within the digit,
//                       and records the digit's total;
//   3. scatter:         each block walks its tile in order, 256 keys at a time; within a warp, keys
//                       with the same digit are ranked with __match_any_sync, per-warp counts are scanned
//                       per digit, so every key goes to its place and the sort is stable.
// Passes ping-pong between a temporary buffer and output: input -> temp -> output -> temp -> output.
#include <cuda_runtime.h>
#include <cstddef>
#include <cstdint>

constexpr int RADIX = 256;
constexpr int THREADS = 256;  // one thread per digit in the per-digit steps
constexpr int WARPS = THREADS / 32;
constexpr int ITEMS = 16;
constexpr int TILE = THREADS * ITEMS;
constexpr unsigned FULL = 0xffffffffu;

__device__ __forceinline__ uint32_t to_key(uint32_t bits) {
    return (bits & 0x80000000u) ? ~bits : bits | 0x80000000u;
}

__device__ __forceinline__ uint32_t from_key(uint32_t key) {
    return (key & 0x80000000u) ? key & 0x7fffffffu : ~key;
}

// Exclusive scan of one value per thread across the block; *total receives the block's sum.
__device__ uint32_t block_exclusive_scan(uint32_t v, uint32_t* total) {
    __shared__ uint32_t warp_sums[WARPS];
    int lane = threadIdx.x % 32;
    int warp = threadIdx.x / 32;
    uint32_t inclusive = v;
    for (int offset = 1; offset < 32; offset *= 2) {
        uint32_t other = __shfl_up_sync(FULL, inclusive, offset);
        if (lane >= offset) inclusive += other;
    }
    if (lane == 31) warp_sums[warp] = inclusive;
    __syncthreads();
    if (warp == 0) {
        uint32_t w = lane < WARPS ? warp_sums[lane] : 0;
        for (int offset = 1; offset < 32; offset *= 2) {
            uint32_t other = __shfl_up_sync(FULL, w, offset);
            if (lane >= offset) w += other;
        }
        if (lane < WARPS) warp_sums[lane] = w;
    }
    __syncthreads();
    uint32_t exclusive = inclusive - v + (warp > 0 ? warp_sums[warp - 1] : 0);
    *total = warp_sums[WARPS - 1];
    __syncthreads();  // warp_sums is reused by the next call
    return exclusive;
}

__global__ void digit_counts(const uint32_t* keys, bool make_keys, uint32_t* counts, size_t n, int shift,
                             size_t tiles) {
    __shared__ uint32_t hist[RADIX];
    hist[threadIdx.x] = 0;
    __syncthreads();
    size_t base = (size_t)blockIdx.x * TILE;
#pragma unroll
    for (int j = 0; j < ITEMS; ++j) {
        size_t i = base + (size_t)j * THREADS + threadIdx.x;
        if (i < n) {
            uint32_t key = make_keys ? to_key(keys[i]) : keys[i];
            atomicAdd(&hist[(key >> shift) & (RADIX - 1)], 1u);
        }
    }
    __syncthreads();
    counts[threadIdx.x * tiles + blockIdx.x] = hist[threadIdx.x];
}

// Block d: counts[d * tiles + t] becomes the number of keys with digit d in tiles before t.
__global__ void scan_digit_rows(uint32_t* counts, uint32_t* digit_totals, size_t tiles) {
    uint32_t* row = counts + blockIdx.x * tiles;
    uint32_t carry = 0;
    for (size_t base = 0; base < tiles; base += THREADS) {
        size_t i = base + threadIdx.x;
        uint32_t v = i < tiles ? row[i] : 0;
        uint32_t total;
        uint32_t exclusive = block_exclusive_scan(v, &total);
        if (i < tiles) row[i] = carry + exclusive;
        carry += total;
    }
    if (threadIdx.x == 0) digit_totals[blockIdx.x] = carry;
}

__global__ void scatter(const uint32_t* keys_in, bool make_keys, uint32_t* keys_out, bool restore_floats,
                        const uint32_t* counts, const uint32_t* digit_totals, size_t n, int shift,
                        size_t tiles) {
    __shared__ uint32_t next[RADIX];                // where the tile's next key of each digit goes
    __shared__ uint32_t warp_counts[WARPS][RADIX];  // keys per digit per warp, then their exclusive scan
    int tid = threadIdx.x;
    int lane = tid % 32;
    int warp = tid / 32;
    uint32_t unused;
    uint32_t digit_start = block_exclusive_scan(digit_totals[tid], &unused);
    next[tid] = digit_start + counts[tid * tiles + blockIdx.x];
    for (int w = 0; w < WARPS; ++w) warp_counts[w][tid] = 0;
    __syncthreads();
    size_t base = (size_t)blockIdx.x * TILE;
    for (int c = 0; c < ITEMS; ++c) {
        size_t i = base + (size_t)c * THREADS + tid;
        bool valid = i < n;
        uint32_t key = 0;
        uint32_t digit = RADIX;  // out-of-range threads form their own group and write nothing
        if (valid) {
            key = make_keys ? to_key(keys_in[i]) : keys_in[i];
            digit = (key >> shift) & (RADIX - 1);
        }
        unsigned peers = __match_any_sync(FULL, digit);
        uint32_t rank = __popc(peers & ((1u << lane) - 1));
        if (valid && rank == 0) warp_counts[warp][digit] = __popc(peers);
        __syncthreads();
        uint32_t chunk_count = 0;
        for (int w = 0; w < WARPS; ++w) {
            uint32_t count = warp_counts[w][tid];
            warp_counts[w][tid] = chunk_count;
            chunk_count += count;
        }
        __syncthreads();
        if (valid) {
            uint32_t pos = next[digit] + warp_counts[warp][digit] + rank;
            keys_out[pos] = restore_floats ? from_key(key) : key;
        }
        __syncthreads();
        next[tid] += chunk_count;
        for (int w = 0; w < WARPS; ++w) warp_counts[w][tid] = 0;
        __syncthreads();
    }
}

extern "C" void solution(const float* input, float* output, size_t n) {
    if (n == 0) return;
    size_t tiles = (n + TILE - 1) / TILE;
    uint32_t *temp = nullptr, *counts = nullptr, *digit_totals = nullptr;
    // Stream-ordered scratch: cudaMalloc/cudaFree would synchronize the device on every call.
    cudaMallocAsync(&temp, n * sizeof(uint32_t), 0);
    cudaMallocAsync(&counts, RADIX * tiles * sizeof(uint32_t), 0);
    cudaMallocAsync(&digit_totals, RADIX * sizeof(uint32_t), 0);
    const uint32_t* in_bits = reinterpret_cast<const uint32_t*>(input);
    uint32_t* out_bits = reinterpret_cast<uint32_t*>(output);
    for (int pass = 0; pass < 4; ++pass) {
        const uint32_t* src = pass == 0 ? in_bits : (pass % 2 == 1 ? temp : out_bits);
        uint32_t* dst = pass % 2 == 0 ? temp : out_bits;
        int shift = 8 * pass;
        digit_counts<<<(unsigned)tiles, THREADS>>>(src, pass == 0, counts, n, shift, tiles);
        scan_digit_rows<<<RADIX, THREADS>>>(counts, digit_totals, tiles);
        scatter<<<(unsigned)tiles, THREADS>>>(src, pass == 0, dst, pass == 3, counts, digit_totals, n, shift,
                                              tiles);
    }
    cudaFreeAsync(temp, 0);
    cudaFreeAsync(counts, 0);
    cudaFreeAsync(digit_totals, 0);
}
