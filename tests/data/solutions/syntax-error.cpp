// Does not compile: a missing semicolon on line 5.
#include <cstddef>
extern "C" void solution(const float* input, float* output, size_t n) {
  double sum = 0;
  for (size_t i = 0; i < n; ++i) sum += input[i]
  output[0] = static_cast<float>(sum);
}
