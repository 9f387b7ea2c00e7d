// Hostile: writes a file without end in the private /tmp. Stopped at the file-size limit (SIGXFSZ).
#include <cstddef>
#include <cstdio>
#include <vector>

extern "C" void solution(const float*, float* output, size_t) {
  std::FILE* f = std::fopen("/tmp/huge", "wb");
  std::vector<char> block(1 << 20, 'x');
  while (f && std::fwrite(block.data(), 1, block.size(), f) == block.size()) {
  }
  output[0] = 0;
}
