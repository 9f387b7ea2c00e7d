// Hostile: kills its parent through the raw system call. Stopped by the syscall filter (signals go
// to the process itself only); the parent inside the sandbox's pid namespace is bwrap, not podium.
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstddef>

static long raw_syscall(long number, long a, long b) {
  long result;
  asm volatile("syscall" : "=a"(result) : "a"(number), "D"(a), "S"(b) : "rcx", "r11", "memory");
  return result;
}

extern "C" void solution(const float*, float* output, size_t) {
  raw_syscall(SYS_kill, getppid(), SIGKILL);
  output[0] = 0;
}
