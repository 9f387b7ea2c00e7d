// Cheating: defines clock_gettime, which steady_clock and the harness's timer call, to return a
// frozen time, so every timed call would take zero seconds. Refused before it runs: the solution
// defines a function the harness relies on.
#include <time.h>

#include <cstddef>

extern "C" int clock_gettime(clockid_t, struct timespec* t) {
  t->tv_sec = 0;
  t->tv_nsec = 0;
  return 0;
}

extern "C" void solution(const float* input, float* output, size_t n) {
  double sum = 0;
  for (size_t i = 0; i < n; ++i) sum += input[i];
  output[0] = static_cast<float>(sum);
}
