// podium-evaluator: the programs an evaluation runs in separate processes, started by evaluate()
// (runner/evaluate.hpp), never by hand. `judge` decides (runner/judge.hpp); `contestant` runs the
// submission inside the sandbox (runner/contestant.hpp); `probe` checks that a backend works here
// (probe_device in runner/evaluate.hpp).
#include <fmt/format.h>

#include <string>
#include <vector>

#include "core/report.hpp"
#include "eval/backend.hpp"
#include "runner/contestant.hpp"
#include "runner/judge.hpp"

namespace {

// podium-evaluator probe --backend cpu|cuda: sets the backend up, generates a small buffer on its
// device and reads it back; prints {"device": ..., "pci_bus_id": ...} (exit 0) or why it cannot be
// used (exit 1).
int probe_main(const std::vector<std::string>& args) {
  using namespace podium;
  const BackendKind kind = program_option(args, "--backend").value_or("cpu") == "cuda" ? BackendKind::cuda : BackendKind::cpu;
  try {
    const auto backend = make_backend(kind);
    constexpr uint64_t count = 1 << 16;
    void* buffer = backend->allocate(count * sizeof(float));
    backend->fill(buffer, DType::f32, count, Distribution{DistributionKind::uniform, -1, 1}, 1, 0);
    std::vector<float> back(count, 0.0f);
    backend->download(back.data(), buffer, count * sizeof(float));
    backend->release(buffer);
    for (float v : back)
      if (!(v >= -1.0f && v < 1.0f)) throw std::runtime_error("a test buffer generated on the device read back wrong");
    fmt::print("{}\n", nlohmann::json{{"device", backend->device()}, {"pci_bus_id", backend->pci_bus_id()}}.dump());
    return 0;
  } catch (const std::exception& e) {
    fmt::print("{}\n", e.what());
    return 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (!args.empty() && args[0] == "judge") return podium::judge_main(args);
    if (!args.empty() && args[0] == "contestant") return podium::contestant_main(args);
    if (!args.empty() && args[0] == "probe") return probe_main(args);
  } catch (const std::exception& e) {
    fmt::print(stderr, "podium-evaluator: {}\n", e.what());
    return 2;
  }
  fmt::print(stderr, "podium-evaluator judge|contestant|probe ...: started by podium, not by hand\n");
  return 2;
}
