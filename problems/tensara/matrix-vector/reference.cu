// Reference for matrix-vector: output_c = input_a * input_b, A m×k row-major fp32, one thread per row,
// accumulating in double. Launches and returns (Podium synchronizes).
#include <cuda_runtime.h>
#include <cstddef>

__global__ void reference_matvec(const float* a, const float* b, float* c, size_t m, size_t k) {
    size_t row = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (row >= m) return;
    double sum = 0.0;
    for (size_t l = 0; l < k; ++l) {
        sum += (double)a[row * k + l] * (double)b[l];
    }
    c[row] = (float)sum;
}

extern "C" void reference(const float* input_a, const float* input_b, float* output_c, size_t m, size_t k) {
    if (m == 0) return;
    reference_matvec<<<(unsigned)((m + 255) / 256), 256>>>(input_a, input_b, output_c, m, k);
}
