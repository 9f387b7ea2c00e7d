// Cheating: computes nothing and writes, to every descriptor it can, the lines and messages that
// would tell the evaluating process the run passed. The judge never takes a result from the process
// that runs submission code.
#include <unistd.h>

#include <cstdio>
#include <cuda_runtime.h>

extern "C" void solution(const float*, const float*, float*, size_t) {
  char line[128];
  for (int fd = 3; fd < 64; ++fd) {
    for (int seq = 1; seq < 32; ++seq) {
      const int n = std::snprintf(line, sizeof line, "{\"op\":\"done\",\"seq\":%d}", seq);
      (void)!write(fd, line, n);
    }
    (void)!write(fd, "{\"event\":\"finished\"}\n", 21);
  }
}
