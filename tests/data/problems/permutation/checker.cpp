// Accepts any permutation of the expected values: sorts both and compares.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <vector>
extern "C" int check(const char* name, const double* got, const double* expected, int64_t count, char* message,
                     size_t message_size) {
  std::vector<double> g(got, got + count), e(expected, expected + count);
  std::sort(g.begin(), g.end());
  std::sort(e.begin(), e.end());
  for (int64_t i = 0; i < count; ++i) {
    if (g[i] != e[i]) {
      std::snprintf(message, message_size, "%s is not a permutation of the input (sorted position %lld: %g vs %g)", name,
                    static_cast<long long>(i), g[i], e[i]);
      return 0;
    }
  }
  return 1;
}
