// CPU reference for prefixsum, in double: a sequential inclusive scan whose prefixes are rounded to
// float one by one (the running sum itself stays in double). The test suite checks the GPU reference
// against it on the test cases.
#include <cstddef>

extern "C" void reference(const float* input, float* output, size_t n) {
    double sum = 0.0;
    for (size_t i = 0; i < n; ++i) {
        sum += input[i];
        output[i] = (float)sum;
    }
}
