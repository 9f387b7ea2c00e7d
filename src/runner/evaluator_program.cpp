// podium-evaluator: the programs an evaluation runs in separate processes, started by evaluate()
// (runner/evaluate.hpp), never by hand. `judge` decides (runner/judge.hpp); `contestant` runs the
// submission inside the sandbox (runner/contestant.hpp).
#include <fmt/format.h>

#include <string>
#include <vector>

#include "runner/contestant.hpp"
#include "runner/judge.hpp"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (!args.empty() && args[0] == "judge") return podium::judge_main(args);
    if (!args.empty() && args[0] == "contestant") return podium::contestant_main(args);
  } catch (const std::exception& e) {
    fmt::print(stderr, "podium-evaluator: {}\n", e.what());
    return 2;
  }
  fmt::print(stderr, "podium-evaluator judge|contestant ...: started by podium for each evaluation, not by hand\n");
  return 2;
}
