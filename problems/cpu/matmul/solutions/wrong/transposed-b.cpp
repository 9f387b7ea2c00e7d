// Wrong matmul: reads B as if it were stored transposed (b[j*k + p] instead of b[p*n + j]), so it
// computes A·Bᵀ-style garbage. Right only when B happens to be symmetric, as in the 1×1×1 case.
#include <cstddef>

extern "C" void solution(const float* a, const float* b, float* c, size_t m, size_t n, size_t k) {
    for (size_t i = 0; i < m; ++i) {
        for (size_t j = 0; j < n; ++j) {
            float sum = 0.0f;
            for (size_t p = 0; p < k; ++p) {
                sum += a[i * k + p] * b[j * k + p];
            }
            c[i * n + j] = sum;
        }
    }
}
