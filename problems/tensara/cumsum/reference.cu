// Reference for cumsum: inclusive prefix sum in double, in three kernels over chunks of 256
// elements: chunk totals, a sequential exclusive scan of the totals, then each chunk's running sum
// from its offset. Uses a cudaMalloc'd scratch array of chunk offsets. Launches and returns.
#include <cuda_runtime.h>
#include <cstddef>

constexpr size_t CHUNK = 256;

__global__ void chunk_totals(const float* in, double* totals, size_t n, size_t chunks) {
    size_t chunk = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (chunk >= chunks) return;
    double sum = 0.0;
    size_t end = (chunk + 1) * CHUNK < n ? (chunk + 1) * CHUNK : n;
    for (size_t i = chunk * CHUNK; i < end; ++i) sum += in[i];
    totals[chunk] = sum;
}

__global__ void exclusive_scan_sequential(double* totals, size_t chunks) {
    double running = 0.0;
    for (size_t c = 0; c < chunks; ++c) {
        double t = totals[c];
        totals[c] = running;
        running += t;
    }
}

__global__ void chunk_scan(const float* in, const double* offsets, float* out, size_t n, size_t chunks) {
    size_t chunk = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (chunk >= chunks) return;
    double sum = offsets[chunk];
    size_t end = (chunk + 1) * CHUNK < n ? (chunk + 1) * CHUNK : n;
    for (size_t i = chunk * CHUNK; i < end; ++i) {
        sum += in[i];
        out[i] = (float)sum;
    }
}

extern "C" void reference(const float* input, float* output, size_t N) {
    if (N == 0) return;
    size_t chunks = (N + CHUNK - 1) / CHUNK;
    double* totals = nullptr;
    cudaMalloc(&totals, chunks * sizeof(double));
    unsigned blocks = (unsigned)((chunks + 127) / 128);
    chunk_totals<<<blocks, 128>>>(input, totals, N, chunks);
    exclusive_scan_sequential<<<1, 1>>>(totals, chunks);
    chunk_scan<<<blocks, 128>>>(input, totals, output, N, chunks);
    cudaFree(totals);  // waits for the kernels above
}
