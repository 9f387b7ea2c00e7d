// Hostile, at compile time: a constant expression that takes practically forever to evaluate (each
// loop stays under the compiler's iteration limit; together they run for hours). Stopped at the
// compile time limit.
#include <cstddef>
#include <cstdint>

constexpr uint64_t inner(uint64_t seed) {
  uint64_t x = seed;
  for (uint64_t i = 0; i < 200000; ++i) x = x * 6364136223846793005ull + i;
  return x;
}

constexpr uint64_t spin() {
  uint64_t x = 0;
  for (uint64_t i = 0; i < 200000; ++i) x ^= inner(i);
  return x;
}

constexpr uint64_t kForever = spin();

extern "C" void solution(const float*, float* output, size_t) { output[0] = static_cast<float>(kForever & 1); }
