// CPU reference for cumsum, in double: a sequential inclusive scan whose prefixes are rounded to float
// one by one (the running sum itself stays in double). The test suite checks the GPU reference
// against it on the test cases.
#include <cstddef>

extern "C" void reference(const float* input, float* output, size_t N) {
    double sum = 0.0;
    for (size_t i = 0; i < N; ++i) {
        sum += input[i];
        output[i] = (float)sum;
    }
}
