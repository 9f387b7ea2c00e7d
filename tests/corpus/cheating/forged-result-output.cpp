// Cheating: computes nothing and writes what a result channel might carry to every descriptor it
// can: "done" answers for every sequence number, and "finished" events. The judge reads outputs
// itself, and an answer out of turn on the contestant's channel is a security violation.
#include <unistd.h>

#include <cstddef>
#include <cstdio>

extern "C" void solution(const float*, float*, size_t) {
  char line[128];
  for (int fd = 3; fd < 64; ++fd) {
    for (int seq = 1; seq < 32; ++seq) {
      const int n = std::snprintf(line, sizeof line, "{\"op\":\"done\",\"seq\":%d}", seq);
      (void)!write(fd, line, n);
    }
    (void)!write(fd, "{\"event\":\"finished\"}\n", 21);
  }
}
