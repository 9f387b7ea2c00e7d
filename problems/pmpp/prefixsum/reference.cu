// Reference for prefixsum: inclusive scan of fp32 input, computed in double precision.
// The input is converted to a temporary double buffer, scanned in place (each block of 1024 scans its
// elements in shared memory, the block totals are scanned recursively and added back), and rounded to
// float once at the end. Temporary buffers are freed before returning.
#include <cuda_runtime.h>
#include <cstddef>

constexpr int BLOCK = 1024;

__global__ void float_to_double(const float* in, double* out, size_t n) {
    size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = (double)in[i];
}

__global__ void double_to_float(const double* in, float* out, size_t n) {
    size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = (float)in[i];
}

// Inclusive Hillis-Steele scan of each block's BLOCK elements, in place; the block's total goes to sums.
__global__ void scan_blocks(double* data, double* sums, size_t n) {
    __shared__ double s[BLOCK];
    int t = threadIdx.x;
    size_t i = (size_t)blockIdx.x * BLOCK + t;
    s[t] = i < n ? data[i] : 0.0;
    __syncthreads();
    for (int offset = 1; offset < BLOCK; offset *= 2) {
        double before = t >= offset ? s[t - offset] : 0.0;
        __syncthreads();
        s[t] += before;
        __syncthreads();
    }
    if (i < n) data[i] = s[t];
    if (t == BLOCK - 1) sums[blockIdx.x] = s[t];
}

// Adds the inclusive scan of the earlier blocks' totals to every element of blocks 1, 2, ...
__global__ void add_block_offsets(double* data, const double* scanned_sums, size_t n) {
    size_t i = (size_t)blockIdx.x * BLOCK + threadIdx.x;
    if (blockIdx.x > 0 && i < n) data[i] += scanned_sums[blockIdx.x - 1];
}

static void scan_in_place(double* data, size_t n) {
    size_t blocks = (n + BLOCK - 1) / BLOCK;
    double* sums = nullptr;
    cudaMalloc(&sums, blocks * sizeof(double));
    scan_blocks<<<(unsigned)blocks, BLOCK>>>(data, sums, n);
    if (blocks > 1) {
        scan_in_place(sums, blocks);
        add_block_offsets<<<(unsigned)blocks, BLOCK>>>(data, sums, n);
    }
    cudaFree(sums);
}

extern "C" void reference(const float* input, float* output, size_t n) {
    if (n == 0) return;
    unsigned blocks = (unsigned)((n + BLOCK - 1) / BLOCK);
    double* data = nullptr;
    cudaMalloc(&data, n * sizeof(double));
    float_to_double<<<blocks, BLOCK>>>(input, data, n);
    scan_in_place(data, n);
    double_to_float<<<blocks, BLOCK>>>(data, output, n);
    cudaFree(data);
}
