// CPU reference for matrix-vector, in double: each output_c[i] is a double sum of exact products (two
// floats multiply exactly in double), rounded to float once. The test suite checks the GPU reference
// against it on the test cases.
#include <cstddef>

extern "C" void reference(const float* input_a, const float* input_b, float* output_c, size_t m, size_t k) {
    for (size_t i = 0; i < m; ++i) {
        double sum = 0.0;
        for (size_t l = 0; l < k; ++l) sum += (double)input_a[i * k + l] * (double)input_b[l];
        output_c[i] = (float)sum;
    }
}
