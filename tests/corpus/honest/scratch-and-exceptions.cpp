// Honest: allocates scratch memory, uses a scratch file in /tmp, prints a line, and throws and
// catches an exception inside the call (the unwinder walks the loaded objects). Must pass.
#include <cstddef>
#include <cstdio>
#include <stdexcept>
#include <vector>

static double checked_sum(const std::vector<double>& values) {
  if (values.empty()) throw std::invalid_argument("nothing to sum");
  double sum = 0;
  for (double v : values) sum += v;
  return sum;
}

extern "C" void solution(const float* input, float* output, size_t n) {
  std::vector<double> scratch(input, input + n);
  scratch.reserve(n + (size_t{16} << 20));
  if (std::FILE* f = std::fopen("/tmp/scratch", "w")) {
    std::fprintf(f, "%zu\n", n);
    std::fclose(f);
  }
  std::fprintf(stderr, "summing %zu values\n", n);
  try {
    output[0] = static_cast<float>(checked_sum(scratch));
  } catch (const std::invalid_argument&) {
    output[0] = 0.0f;
  }
}
