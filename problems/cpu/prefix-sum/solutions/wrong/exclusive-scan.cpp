// Wrong prefix-sum: computes the exclusive scan (output[i] = input[0] + ... + input[i-1], output[0] = 0),
// so every element is off by input[i].
#include <cstddef>

extern "C" void solution(const float* input, float* output, size_t n) {
    float sum = 0.0f;
    for (size_t i = 0; i < n; ++i) {
        output[i] = sum;
        sum += input[i];
    }
}
