// Reference for gelu: tanh-approximated GELU, 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))),
// elementwise on n*m floats, computed in double. Launches and returns (Podium synchronizes).
#include <cuda_runtime.h>
#include <cstddef>

__global__ void reference_gelu(const float* in, float* out, size_t count) {
    const double k = 0.7978845608028654;  // sqrt(2 / pi)
    size_t stride = (size_t)gridDim.x * blockDim.x;
    for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < count; i += stride) {
        double x = in[i];
        out[i] = (float)(0.5 * x * (1.0 + tanh(k * (x + 0.044715 * x * x * x))));
    }
}

extern "C" void reference(const float* input, float* output, size_t n, size_t m) {
    size_t count = n * m;
    if (count == 0) return;
    size_t blocks = (count + 255) / 256;
    if (blocks > 65535) blocks = 65535;
    reference_gelu<<<(unsigned)blocks, 256>>>(input, output, count);
}
