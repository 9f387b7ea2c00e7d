// Reference for sigmoid: output = 1 / (1 + exp(-x)) elementwise on n*m floats, computed in double.
// Launches and returns (Podium synchronizes).
#include <cuda_runtime.h>
#include <cstddef>

__global__ void reference_sigmoid(const float* in, float* out, size_t count) {
    size_t stride = (size_t)gridDim.x * blockDim.x;
    for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < count; i += stride) {
        double x = in[i];
        out[i] = (float)(1.0 / (1.0 + exp(-x)));
    }
}

extern "C" void reference(const float* input, float* output, size_t n, size_t m) {
    size_t count = n * m;
    if (count == 0) return;
    size_t blocks = (count + 255) / 256;
    if (blocks > 65535) blocks = 65535;
    reference_sigmoid<<<(unsigned)blocks, 256>>>(input, output, count);
}
