// CPU reference for leaky-relu, in double: x > 0 ? x : alpha · x (the product of two floats is exact
// in double, so rounding it to float once gives the correctly rounded fp32 product). The test suite
// checks the GPU reference against it on the test cases.
#include <cstddef>

extern "C" void reference(const float* input, float alpha, float* output, size_t n, size_t m) {
    for (size_t i = 0; i < n * m; ++i) {
        const double x = input[i];
        output[i] = (float)(x > 0.0 ? x : (double)alpha * x);
    }
}
