// Hostile, at compile time: a hundred thousand errors, each quoting its line. The compiler is
// stopped once its output passes the limit, and the first error is reported.
#include <cstddef>

#define TEN(x) x x x x x x x x x x
TEN(TEN(TEN(TEN(TEN(undeclared_name_to_make_an_error_with_a_long_message_attached();)))))

extern "C" void solution(const float*, float* output, size_t) { output[0] = 0; }
