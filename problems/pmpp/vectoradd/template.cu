// Template for vectoradd: the signature Podium calls. Fill in the kernel.
#include <cuda_runtime.h>
#include <cuda_fp16.h>
#include <cstddef>

__global__ void vector_add(const __half* a, const __half* b, __half* c, size_t count) {
    // TODO: compute c[i] = a[i] + b[i] for every i < count (count = n * n).
}

extern "C" void solution(const __half* a, const __half* b, __half* c, int n) {
    size_t count = (size_t)n * (size_t)n;
    if (count == 0) return;
    vector_add<<<(unsigned)((count + 255) / 256), 256>>>(a, b, c, count);
}
