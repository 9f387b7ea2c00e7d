// Reference for prefix-sum: a sequential inclusive scan in double, each prefix rounded to float.
#include <cstddef>

extern "C" void reference(const float* input, float* output, size_t n) {
    double sum = 0.0;
    for (size_t i = 0; i < n; ++i) {
        sum += input[i];
        output[i] = (float)sum;
    }
}
