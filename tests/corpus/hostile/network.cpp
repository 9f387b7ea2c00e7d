// Hostile: opens a TCP connection out. Refused before it runs: the solution imports socket.
#include <arpa/inet.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstddef>

extern "C" void solution(const float* input, float* output, size_t n) {
  const int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(80);
  to.sin_addr.s_addr = htonl(0x01010101);
  connect(s, reinterpret_cast<sockaddr*>(&to), sizeof to);
  double sum = 0;
  for (size_t i = 0; i < n; ++i) sum += input[i];
  output[0] = static_cast<float>(sum);
}
