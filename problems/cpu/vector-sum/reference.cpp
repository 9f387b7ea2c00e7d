// Reference for vector-sum: a sequential sum in double, rounded to float once at the end.
#include <cstddef>

extern "C" void reference(const float* input, float* output, size_t n) {
    double sum = 0.0;
    for (size_t i = 0; i < n; ++i) {
        sum += input[i];
    }
    output[0] = (float)sum;
}
