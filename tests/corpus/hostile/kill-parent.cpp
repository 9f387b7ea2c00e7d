// Hostile: kills its parent. Refused before it runs: the solution imports kill.
#include <signal.h>
#include <unistd.h>

#include <cstddef>

extern "C" void solution(const float*, float* output, size_t) {
  kill(getppid(), SIGKILL);
  output[0] = 0;
}
