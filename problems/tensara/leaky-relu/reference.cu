// Reference for leaky-relu: output = x > 0 ? x : alpha * x elementwise on n*m floats (torch's
// leaky_relu), one grid-stride kernel. Launches and returns (Podium synchronizes).
#include <cuda_runtime.h>
#include <cstddef>

__global__ void reference_leaky_relu(const float* in, float alpha, float* out, size_t count) {
    size_t stride = (size_t)gridDim.x * blockDim.x;
    for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < count; i += stride) {
        float x = in[i];
        out[i] = x > 0.0f ? x : alpha * x;
    }
}

extern "C" void reference(const float* input, float alpha, float* output, size_t n, size_t m) {
    size_t count = n * m;
    if (count == 0) return;
    size_t blocks = (count + 255) / 256;
    if (blocks > 65535) blocks = 65535;
    reference_leaky_relu<<<(unsigned)blocks, 256>>>(input, alpha, output, count);
}
