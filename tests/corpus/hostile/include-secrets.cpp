// Hostile, at compile time: includes a secret file of the machine, hoping the diagnostics print it.
// The compile sandbox does not contain it: a compile error.
#include "/etc/shadow"

#include <cstddef>

extern "C" void solution(const float*, float* output, size_t) { output[0] = 0; }
