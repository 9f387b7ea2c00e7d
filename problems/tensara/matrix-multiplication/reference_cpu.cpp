// CPU reference for matrix-multiplication, in double: each output_c[i][j] is a double sum of exact
// products (two floats multiply exactly in double), rounded to float once. The test suite checks the
// GPU reference against it on the test cases.
#include <cstddef>
#include <vector>

extern "C" void reference(const float* input_a, const float* input_b, float* output_c, size_t m, size_t n, size_t k) {
    // Each row of C accumulates input_a[i][l] * (row l of B), walking rows only.
    std::vector<double> row(n);
    for (size_t i = 0; i < m; ++i) {
        row.assign(n, 0.0);
        for (size_t l = 0; l < k; ++l) {
            const double a_il = input_a[i * k + l];
            const float* b_row = input_b + l * n;
            for (size_t j = 0; j < n; ++j) row[j] += a_il * (double)b_row[j];
        }
        for (size_t j = 0; j < n; ++j) output_c[i * n + j] = (float)row[j];
    }
}
