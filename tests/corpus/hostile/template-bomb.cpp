// Hostile, at compile time: template recursion without end. The compiler stops at its depth limit.
#include <cstddef>

template <size_t N>
struct Bomb {
  static constexpr size_t value = Bomb<N + 1>::value + Bomb<N + 2>::value;
};

extern "C" void solution(const float*, float* output, size_t) { output[0] = static_cast<float>(Bomb<0>::value); }
