// Hostile: prints without end. Stopped at the output limit.
#include <cstddef>
#include <cstdio>

extern "C" void solution(const float*, float* output, size_t) {
  for (;;) std::fputs("flooding the judge's logs with output that never ends\n", stdout);
  output[0] = 0;
}
