// Wrong prefixsum: a correct work-efficient (Blelloch up-sweep/down-sweep, as in GPU Gems 3 ch. 39)
// scan, but an EXCLUSIVE one: output[i] = input[0] + ... + input[i - 1], output[0] = 0. Every element
// is off by input[i], so it fails every test (n = 1 already: it writes 0 instead of input[0]).
#include <cuda_runtime.h>
#include <cstddef>

constexpr int THREADS = 512;
constexpr int TILE = 2 * THREADS;  // each thread handles two elements

// Exclusive Blelloch scan of each block's TILE elements; the block's total goes to sums.
__global__ void scan_blocks(const float* in, float* out, float* sums, size_t n) {
    __shared__ float s[TILE];
    int t = threadIdx.x;
    size_t base = (size_t)blockIdx.x * TILE;
    s[t] = base + t < n ? in[base + t] : 0.0f;
    s[t + THREADS] = base + t + THREADS < n ? in[base + t + THREADS] : 0.0f;
    int offset = 1;
    for (int d = TILE / 2; d > 0; d /= 2) {
        __syncthreads();
        if (t < d) {
            int ai = offset * (2 * t + 1) - 1;
            int bi = offset * (2 * t + 2) - 1;
            s[bi] += s[ai];
        }
        offset *= 2;
    }
    if (t == 0) {
        sums[blockIdx.x] = s[TILE - 1];
        s[TILE - 1] = 0.0f;
    }
    for (int d = 1; d < TILE; d *= 2) {
        offset /= 2;
        __syncthreads();
        if (t < d) {
            int ai = offset * (2 * t + 1) - 1;
            int bi = offset * (2 * t + 2) - 1;
            float left = s[ai];
            s[ai] = s[bi];
            s[bi] += left;
        }
    }
    __syncthreads();
    if (base + t < n) out[base + t] = s[t];
    if (base + t + THREADS < n) out[base + t + THREADS] = s[t + THREADS];
}

// Adds the exclusive scan of the block totals to every element of the block.
__global__ void add_block_offsets(float* data, const float* scanned_sums, size_t n) {
    size_t i = (size_t)blockIdx.x * TILE + threadIdx.x;
    float offset = scanned_sums[blockIdx.x];
    if (i < n) data[i] += offset;
    if (i + THREADS < n) data[i + THREADS] += offset;
}

static void scan(const float* in, float* out, size_t n) {
    size_t blocks = (n + TILE - 1) / TILE;
    float* sums = nullptr;
    cudaMalloc(&sums, blocks * sizeof(float));
    scan_blocks<<<(unsigned)blocks, THREADS>>>(in, out, sums, n);
    if (blocks > 1) {
        scan(sums, sums, blocks);
        add_block_offsets<<<(unsigned)blocks, THREADS>>>(out, sums, n);
    }
    cudaFree(sums);
}

extern "C" void solution(const float* input, float* output, size_t n) {
    if (n == 0) return;
    scan(input, output, n);
}
