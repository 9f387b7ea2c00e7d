// Hostile: kill(-1, SIGKILL), every process it may signal, through the raw system call. Stopped by
// the syscall filter.
#include <signal.h>
#include <sys/syscall.h>

#include <cstddef>

static long raw_syscall(long number, long a, long b) {
  long result;
  asm volatile("syscall" : "=a"(result) : "a"(number), "D"(a), "S"(b) : "rcx", "r11", "memory");
  return result;
}

extern "C" void solution(const float*, float* output, size_t) {
  raw_syscall(SYS_kill, -1, SIGKILL);
  output[0] = 0;
}
