// Cheating: returns at once and leaves the work to a thread that writes the answer a little later,
// so that the timer sees an empty call and the checker, later, a right answer. The judge copies the
// outputs the moment the call returns.
#include <chrono>
#include <cstddef>
#include <thread>

extern "C" void solution(const float* input, float* output, size_t n) {
  std::thread([=] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    double sum = 0;
    for (size_t i = 0; i < n; ++i) sum += input[i];
    output[0] = static_cast<float>(sum);
  }).detach();
}
