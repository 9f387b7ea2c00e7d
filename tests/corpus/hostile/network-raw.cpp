// Hostile: opens a socket through the raw system call, then computes the right answer. Stopped by
// the syscall filter, which names the call.
#include <sys/socket.h>
#include <sys/syscall.h>

#include <cstddef>

static long raw_syscall(long number, long a, long b, long c) {
  long result;
  asm volatile("syscall" : "=a"(result) : "a"(number), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
  return result;
}

extern "C" void solution(const float* input, float* output, size_t n) {
  raw_syscall(SYS_socket, AF_INET, SOCK_STREAM, 0);
  double sum = 0;
  for (size_t i = 0; i < n; ++i) sum += input[i];
  output[0] = static_cast<float>(sum);
}
