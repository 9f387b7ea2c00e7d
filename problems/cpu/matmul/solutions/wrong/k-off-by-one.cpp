// Wrong matmul: the k loop stops one early (p + 1 < k), so the last product a[i][k-1]·b[k-1][j] is
// missing from every element (and k = 1 gives all zeros).
#include <cstddef>

extern "C" void solution(const float* a, const float* b, float* c, size_t m, size_t n, size_t k) {
    for (size_t i = 0; i < m; ++i) {
        for (size_t j = 0; j < n; ++j) {
            float sum = 0.0f;
            for (size_t p = 0; p + 1 < k; ++p) {
                sum += a[i * k + p] * b[p * n + j];
            }
            c[i * n + j] = sum;
        }
    }
}
