// Wrong matrix-vector: reads A column-major (a[l * m + row]) instead of row-major, i.e. computes
// the wrong elements. Right only when m == 1 or k == 1 (test 1 passes); fails (31, 1000)
// and every larger test. It stays in bounds (the index is < m * k).
#include <cuda_runtime.h>

__global__ void matvec(const float* a, const float* b, float* c, size_t m, size_t k) {
    size_t row = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (row >= m) return;
    float sum = 0.0f;
    for (size_t l = 0; l < k; ++l) {
        sum += a[l * m + row] * b[l];
    }
    c[row] = sum;
}

extern "C" void solution(const float* input_a, const float* input_b, float* output_c, size_t m, size_t k) {
    matvec<<<(m + 255) / 256, 256>>>(input_a, input_b, output_c, m, k);
}
