// Hostile: ends the process with status 0 in the middle of the evaluation, hoping that a clean exit
// reads as success. A runtime error: the judge was not done.
#include <cstddef>
#include <cstdlib>

extern "C" void solution(const float* input, float* output, size_t n) {
  static int calls = 0;
  if (++calls == 2) std::exit(0);
  double sum = 0;
  for (size_t i = 0; i < n; ++i) sum += input[i];
  output[0] = static_cast<float>(sum);
}
