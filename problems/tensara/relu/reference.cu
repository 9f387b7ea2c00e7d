// Reference for relu: output = max(0, input) elementwise on n*m floats, one grid-stride kernel.
// Launches and returns (Podium synchronizes).
#include <cuda_runtime.h>
#include <cstddef>

__global__ void reference_relu(const float* in, float* out, size_t count) {
    size_t stride = (size_t)gridDim.x * blockDim.x;
    for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < count; i += stride) {
        float x = in[i];
        out[i] = x > 0.0f ? x : 0.0f;
    }
}

extern "C" void reference(const float* input, float* output, size_t n, size_t m) {
    size_t count = n * m;
    if (count == 0) return;
    size_t blocks = (count + 255) / 256;
    if (blocks > 65535) blocks = 65535;
    reference_relu<<<(unsigned)blocks, 256>>>(input, output, count);
}
