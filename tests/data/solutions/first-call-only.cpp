// Computes on its first call only and returns at once afterwards: passes a single check, must fail
// the check after timing.
#include <cstddef>
extern "C" void solution(const float* input, float* output, size_t n) {
  static int calls = 0;
  if (calls++ > 0) return;
  double sum = 0;
  for (size_t i = 0; i < n; ++i) sum += input[i];
  output[0] = static_cast<float>(sum);
}
