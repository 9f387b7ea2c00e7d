// Wrong vector-sum: starts at index 1, so input[0] is missing from the sum (and n = 1 gives 0).
#include <cstddef>

extern "C" void solution(const float* input, float* output, size_t n) {
    double sum = 0.0;
    for (size_t i = 1; i < n; ++i) {
        sum += input[i];
    }
    output[0] = (float)sum;
}
