// Wrong prefix-sum: the loop stops one element early (i + 1 < n), so output[n-1] is never written and
// still holds the engine's NaN poison (n = 1 writes nothing at all).
#include <cstddef>

extern "C" void solution(const float* input, float* output, size_t n) {
    float sum = 0.0f;
    for (size_t i = 0; i + 1 < n; ++i) {
        sum += input[i];
        output[i] = sum;
    }
}
