// CPU reference for vectorsum, in double: a sequential double sum rounded to float once. The test
// suite checks the GPU reference against it on the test cases.
#include <cstddef>

extern "C" void reference(const float* input, float* output, int n) {
    double sum = 0.0;
    for (int i = 0; i < n; ++i) sum += input[i];
    output[0] = (float)sum;
}
