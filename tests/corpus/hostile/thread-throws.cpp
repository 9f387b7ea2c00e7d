// Hostile: a thread of its own throws an exception nobody catches, which ends the process in the
// middle of a call. A runtime error that names the exception.
#include <cstddef>
#include <stdexcept>
#include <thread>

extern "C" void solution(const float*, float* output, size_t) {
  std::thread([] { throw std::runtime_error("boom from a helper thread"); }).join();
  output[0] = 0;
}
