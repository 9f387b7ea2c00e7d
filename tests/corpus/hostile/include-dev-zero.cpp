// Hostile, at compile time: includes an endless device, which would make the preprocessor read
// until memory runs out. The compile sandbox has no /dev/zero: an immediate compile error.
#include "/dev/zero"

#include <cstddef>

extern "C" void solution(const float*, float* output, size_t) { output[0] = 0; }
