// Cheating: computes honestly while it believes it is being checked (its first calls: the
// correctness call and the warm-ups), then returns garbage fast once timing starts. The first timed
// call on each input set is checked.
#include <cstddef>

extern "C" void solution(const float* input, float* output, size_t n) {
  static int calls = 0;
  if (++calls > 4) {
    output[0] = 0.0f;
    return;
  }
  double sum = 0;
  for (size_t i = 0; i < n; ++i) sum += input[i];
  output[0] = static_cast<float>(sum);
}
