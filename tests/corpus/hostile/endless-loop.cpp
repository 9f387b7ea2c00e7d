// Hostile: a host loop that never ends. Killed at the wall-time limit.
#include <cstddef>

extern "C" void solution(const float* input, float* output, size_t n) {
  volatile bool forever = true;
  while (forever) {
  }
  output[0] = input[0] + static_cast<float>(n);
}
