// Correct prefix-sum: one float running sum, the simplest scan. Its rounding error grows like
// n · 2^-24, which the tolerance allows for (see problem.yaml).
#include <cstddef>

extern "C" void solution(const float* input, float* output, size_t n) {
    float sum = 0.0f;
    for (size_t i = 0; i < n; ++i) {
        sum += input[i];
        output[i] = sum;
    }
}
