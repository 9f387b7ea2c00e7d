// Honest: sums in four threads (clone with CLONE_THREAD, which the syscall filter allows). Must pass.
#include <cstddef>
#include <thread>
#include <vector>

extern "C" void solution(const float* input, float* output, size_t n) {
  constexpr size_t kThreads = 4;
  std::vector<double> partial(kThreads, 0.0);
  std::vector<std::thread> workers;
  for (size_t t = 0; t < kThreads; ++t)
    workers.emplace_back([&, t] {
      for (size_t i = t * n / kThreads; i < (t + 1) * n / kThreads; ++i) partial[t] += input[i];
    });
  for (auto& w : workers) w.join();
  double sum = 0;
  for (double p : partial) sum += p;
  output[0] = static_cast<float>(sum);
}
