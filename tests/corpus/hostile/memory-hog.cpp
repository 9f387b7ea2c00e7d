// Hostile: allocates and touches host memory until something gives. The control group's limit
// (or the address-space limit where there is no control group) stops it.
#include <cstddef>
#include <cstring>

char* volatile g_last;  // the allocations escape, so the compiler cannot drop them

extern "C" void solution(const float*, float* output, size_t) {
  for (;;) {
    char* chunk = new char[64 << 20];
    std::memset(chunk, 1, 64 << 20);
    g_last = chunk;
  }
  output[0] = 0;
}
