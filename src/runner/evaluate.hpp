// A whole evaluation of one submission: compile the reference, the submission and the checker (through
// the cache, each compiler run in the sandbox), screen the submission's symbols, then evaluate it in
// two processes: the judge (runner/judge.hpp), which decides, and the contestant
// (runner/contestant.hpp), which runs the submission in the sandbox (runner/sandbox.hpp). A crash, a
// hang, a flood or an attack of the submission becomes a verdict instead of taking podium down.
// docs/sandbox.md describes the whole arrangement and its limits.
#pragma once

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>

#include "core/report.hpp"
#include "eval/evaluator.hpp"
#include "eval/problem_loader.hpp"
#include "runner/compiler.hpp"
#include "runner/sandbox.hpp"

namespace podium {

struct EvaluateRequest {
  std::filesystem::path solution_file;
  Mode mode = Mode::test;
  std::optional<uint64_t> secret_seed;
  StoppingRule stopping;
  size_t input_sets = kDefaultInputSets;  // timed modes: input sets rotated between timed calls, at most
  double time_limit_seconds = 0;  // 0: chosen from the mode and the number of cases
  bool verify_timer = false;       // also time the calls with CUPTI (CUDA only)
  // Settle into a fast CUDA context before timing (eval/context_kinds.hpp; about 0.2 s more on an
  // H100). Ranked runs always do.
  bool settle_context = false;
  std::vector<size_t> only_cases;  // 0-based indices into the mode's cases; empty: all of them
  SandboxLimits limits;            // of the process that runs the submission (its wall time: time_limit_seconds)
  bool echo_output = true;         // copy what the submission prints to stderr, as it prints it

  bool runs_case(size_t index) const;
};

// Progress as it happens: {"event": "compiling" | "case_start" | "case_done", ...}.
using ProgressFn = std::function<void(const nlohmann::json&)>;

// What probing a backend found: its device, or why it cannot be used here.
struct BackendProbe {
  std::optional<DeviceInfo> device;
  std::string pci_bus_id;  // of a GPU
  std::string failure;     // when there is no device
};

// Whether the backend works here, decided by `podium-evaluator probe` in a process of its own
// (initializing CUDA in the calling process would make every later evaluation's child, a fork,
// unable to use the GPU): it sets the backend up, generates a small buffer on the device and reads
// it back. A probe that outlives `timeout_seconds` is killed, and the device called unusable.
BackendProbe probe_device(BackendKind kind, double timeout_seconds = 60);
// probe_device's failure, or nullopt when the backend works.
std::optional<std::string> probe_backend(BackendKind kind);

// The calling process must not have initialized CUDA (see probe_backend).
// Throws BackendUnavailable when the problem's backend cannot run here, SandboxUnavailable when the
// sandbox cannot (no bwrap, say), SpecError for a broken problem; every fault of the submission
// comes back as the report's verdict.
EvalReport evaluate(const Problem& problem, const EvaluateRequest& request, const CompilerConfig& compiler,
                    const ProgressFn& progress = {});

}  // namespace podium
