// Computes the right sum, then zeroes its input. Must be rejected for modifying its input.
#include <cstddef>
extern "C" void solution(const float* input, float* output, size_t n) {
  double sum = 0;
  for (size_t i = 0; i < n; ++i) sum += input[i];
  output[0] = static_cast<float>(sum);
  const_cast<float*>(input)[n - 1] = 0.0f;
}
