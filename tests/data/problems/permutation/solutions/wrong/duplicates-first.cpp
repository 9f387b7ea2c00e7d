// Wrong: the first element twice instead of the last.
#include <cstdint>
extern "C" void solution(const int32_t* input, int32_t* output, int64_t n) {
  for (int64_t i = 0; i < n; ++i) output[i] = input[i];
  if (n > 1) output[n - 1] = input[0] == input[n - 1] ? input[0] + 1 : input[0];
}
