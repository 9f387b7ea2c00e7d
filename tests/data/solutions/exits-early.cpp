// Exits the process with status 0 instead of returning. Must not be taken for success.
#include <cstddef>
#include <cstdlib>
extern "C" void solution(const float*, float*, size_t) { std::exit(0); }
