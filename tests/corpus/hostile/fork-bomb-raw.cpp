// Hostile: a fork bomb through the raw system call (no import for the symbol screen to see).
// Stopped by the syscall filter at the first fork.
#include <sys/syscall.h>

#include <cstddef>

static long raw_syscall(long number) {
  long result;
  asm volatile("syscall" : "=a"(result) : "a"(number) : "rcx", "r11", "memory");
  return result;
}

extern "C" void solution(const float*, float* output, size_t) {
  for (;;) raw_syscall(SYS_fork);
  output[0] = 0;
}
