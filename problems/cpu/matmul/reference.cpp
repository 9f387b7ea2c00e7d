// Reference for matmul: the textbook triple loop, each dot product accumulated in double and rounded
// to float once.
#include <cstddef>

extern "C" void reference(const float* a, const float* b, float* c, size_t m, size_t n, size_t k) {
    for (size_t i = 0; i < m; ++i) {
        for (size_t j = 0; j < n; ++j) {
            double sum = 0.0;
            for (size_t p = 0; p < k; ++p) {
                sum += (double)a[i * k + p] * (double)b[p * n + j];
            }
            c[i * n + j] = (float)sum;
        }
    }
}
