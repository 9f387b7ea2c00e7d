// Hostile, on a GPU problem: allocates and touches host memory until something gives. The control
// group stops it where there is one; elsewhere RLIMIT_DATA does (a GPU program has no address-space
// limit, since CUDA reserves far more address space than it uses).
#include <cstring>
#include <cuda_runtime.h>

char* volatile g_last;  // the allocations escape, so the compiler cannot drop them

extern "C" void solution(const float*, const float*, float*, size_t) {
  for (;;) {
    char* chunk = new char[64 << 20];
    std::memset(chunk, 1, 64 << 20);
    g_last = chunk;
  }
}
