// Wrong: counts the value 17 without the scale in params[1] (right only when the scale is 1).
#include <cstdint>
extern "C" void solution(const uint8_t* data, const int64_t*, float* result, int64_t n) {
  int64_t count = 0;
  for (int64_t i = 0; i < n; ++i) count += data[i] == 17;
  result[0] = static_cast<float>(count);
}
