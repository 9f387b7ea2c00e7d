// CPU reference for matmul (fp16), in double: each c[i][j] is the double sum of the exact products
// of the fp16 inputs (two fp16 values multiply exactly in double), rounded to fp16 once. The types
// are cuda_fp16.h's, whose conversions also run on the host. The test suite checks the GPU reference
// against it on the test cases.
#include <cuda_fp16.h>

#include <cstddef>
#include <vector>

extern "C" void reference(const __half* a, const __half* b, __half* c, size_t m, size_t n, size_t k) {
    // B converted once; each row of C accumulates a[i][l] * (row l of B), walking rows only.
    std::vector<double> b_values(k * n);
    for (size_t e = 0; e < k * n; ++e) b_values[e] = (double)__half2float(b[e]);
    std::vector<double> row(n);
    for (size_t i = 0; i < m; ++i) {
        row.assign(n, 0.0);
        for (size_t l = 0; l < k; ++l) {
            const double a_il = (double)__half2float(a[i * k + l]);
            const double* b_row = &b_values[l * n];
            for (size_t j = 0; j < n; ++j) row[j] += a_il * b_row[j];
        }
        for (size_t j = 0; j < n; ++j) c[i * n + j] = __double2half(row[j]);
    }
}
