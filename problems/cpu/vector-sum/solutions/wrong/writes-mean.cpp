// Wrong vector-sum: writes the mean (sum / n) instead of the sum. Right only for n = 1.
#include <cstddef>

extern "C" void solution(const float* input, float* output, size_t n) {
    double sum = 0.0;
    for (size_t i = 0; i < n; ++i) {
        sum += input[i];
    }
    output[0] = (float)(sum / (double)n);
}
