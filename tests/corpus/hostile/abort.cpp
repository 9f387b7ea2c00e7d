// Hostile: aborts. A runtime error naming SIGABRT.
#include <cstddef>
#include <cstdlib>

extern "C" void solution(const float*, float*, size_t) { std::abort(); }
