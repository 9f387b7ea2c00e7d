// Correct matmul, a reasonable single-threaded baseline: cache blocking plus the i-p-j loop order.
//
// The naive i-j-p order walks B down a column (stride n floats), missing the cache on nearly every
// load. Here the innermost loop runs along a row of B and a row of C (unit stride), so the compiler
// vectorizes it (c_row[j] += a_ip * b_row[j]). The p and j loops are blocked so that the block of B in
// use (K_BLOCK × N_BLOCK floats, 128 KiB) stays in L2 while every row of A sweeps over it, and the
// slice of a C row being updated (N_BLOCK floats, 1 KiB) stays in L1.
#include <algorithm>
#include <cstddef>

static constexpr size_t K_BLOCK = 128;
static constexpr size_t N_BLOCK = 256;

extern "C" void solution(const float* a, const float* b, float* c, size_t m, size_t n, size_t k) {
    // C accumulates across the p blocks, so it starts at zero (the engine hands it over as NaN).
    std::fill(c, c + m * n, 0.0f);
    for (size_t p0 = 0; p0 < k; p0 += K_BLOCK) {
        const size_t p1 = std::min(p0 + K_BLOCK, k);
        for (size_t j0 = 0; j0 < n; j0 += N_BLOCK) {
            const size_t j1 = std::min(j0 + N_BLOCK, n);
            for (size_t i = 0; i < m; ++i) {
                float* __restrict__ c_row = c + i * n;
                for (size_t p = p0; p < p1; ++p) {
                    const float a_ip = a[i * k + p];
                    const float* __restrict__ b_row = b + p * n;
                    for (size_t j = j0; j < j1; ++j) {
                        c_row[j] += a_ip * b_row[j];
                    }
                }
            }
        }
    }
}
