// Hostile, at compile time: macros that expand to a hundred million tokens, which the compiler
// would take minutes and gigabytes to parse. Stopped at the compile time limit (or its memory limit).
#include <cstddef>

#define TEN(x) x, x, x, x, x, x, x, x, x, x
static const int kHuge[] = {TEN(TEN(TEN(TEN(TEN(TEN(TEN(TEN(1))))))))};

extern "C" void solution(const float*, float* output, size_t) { output[0] = static_cast<float>(kHuge[0]); }
