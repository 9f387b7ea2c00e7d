// Correct vector-addition, vectorized: each thread adds one float4 (16-byte loads and stores), and the
// last n % 4 elements are added one by one. Falls back to scalar code if a pointer is not 16-byte
// aligned, so it stays correct whatever the allocator gives.
#include <cuda_runtime.h>
#include <cstddef>
#include <cstdint>

__global__ void add_float4(const float4* a, const float4* b, float4* c, size_t n4) {
    size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n4) {
        float4 x = a[i];
        float4 y = b[i];
        c[i] = make_float4(x.x + y.x, x.y + y.y, x.z + y.z, x.w + y.w);
    }
}

__global__ void add_scalar(const float* a, const float* b, float* c, size_t begin, size_t n) {
    size_t i = begin + (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        c[i] = a[i] + b[i];
    }
}

extern "C" void solution(const float* d_input1, const float* d_input2, float* d_output, size_t n) {
    if (n == 0) return;
    bool aligned = (((uintptr_t)d_input1 | (uintptr_t)d_input2 | (uintptr_t)d_output) % 16) == 0;
    size_t n4 = aligned ? n / 4 : 0;
    if (n4 > 0) {
        add_float4<<<(n4 + 255) / 256, 256>>>((const float4*)d_input1, (const float4*)d_input2,
                                               (float4*)d_output, n4);
    }
    size_t done = n4 * 4;
    if (done < n) {
        size_t rest = n - done;
        add_scalar<<<(rest + 255) / 256, 256>>>(d_input1, d_input2, d_output, done, n);
    }
}
