// Wrong: adds the input twice.
#include <cstdint>
extern "C" void solution(const float* input, float* output, int64_t n) {
  for (int64_t i = 0; i < n; ++i) output[i] += 2 * input[i];
}
