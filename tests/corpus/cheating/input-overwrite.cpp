// Cheating: zeroes its input so that the answer becomes trivial (0), hoping the checker compares
// against whatever the input holds afterwards. The judge compares with its own pristine copy.
#include <cstddef>

extern "C" void solution(const float* input, float* output, size_t n) {
  float* writable = const_cast<float*>(input);
  for (size_t i = 0; i < n; ++i) writable[i] = 0.0f;
  output[0] = 0.0f;
}
