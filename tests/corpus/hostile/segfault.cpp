// Hostile: writes through a null pointer. A runtime error naming SIGSEGV.
#include <cstddef>

extern "C" void solution(const float* input, float* output, size_t n) {
  volatile float* p = nullptr;
  *p = input[0] + static_cast<float>(n);
  output[0] = 0;
}
