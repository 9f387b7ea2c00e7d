// Hostile: a fork bomb through the C library. Refused before it runs: the solution imports fork.
#include <unistd.h>

#include <cstddef>

extern "C" void solution(const float*, float* output, size_t) {
  for (;;) fork();
  output[0] = 0;
}
