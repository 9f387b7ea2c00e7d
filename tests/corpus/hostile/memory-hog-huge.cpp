// Hostile: asks for a terabyte at once. The allocation fails (std::bad_alloc).
#include <cstddef>

char* volatile g_block;  // the allocation escapes, so the compiler cannot drop it

extern "C" void solution(const float*, float* output, size_t) {
  g_block = new char[size_t{1} << 40];
  g_block[0] = 1;
  output[0] = g_block[0];
}
