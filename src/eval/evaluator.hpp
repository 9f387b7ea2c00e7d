// The evaluation engine: for each case, generate inputs, run the reference and the submission, check
// outputs and inputs, and in benchmark mode time the submission. Device-agnostic: it speaks only to
// a Backend.
#pragma once

#include <optional>

#include "core/problem.hpp"
#include "core/report.hpp"
#include "core/sol.hpp"
#include "eval/backend.hpp"

namespace podium {

// A problem's custom checker (docs/problem-format.md, "Tolerance"): 1 accepts, 0 rejects with a reason.
using CheckerFunction = int (*)(const char* output_name, const double* got, const double* expected, int64_t count,
                                char* message, size_t message_size);

struct EvalOptions {
  Mode mode = Mode::test;
  std::optional<uint64_t> secret_seed;
  StoppingRule stopping;
  size_t warmup_calls = 3;
  size_t max_input_sets = 4;   // input sets rotated between timed calls (fewer when memory is short)
  uint64_t check_one_in = 8;   // each timed call is re-checked with probability 1/check_one_in (and the last)
};

class Evaluator {
 public:
  // `gpu`: the speed-of-light entry for this device, when there is one.
  Evaluator(const ProblemSpec& spec, Backend& backend, EntryPoint solution, EntryPoint reference,
            CheckerFunction checker = nullptr, std::optional<GpuEntry> gpu = std::nullopt);

  // One case of `set`. A RuntimeFault from the submission propagates: the device may be unusable
  // after it, so the caller ends the evaluation.
  CaseResult run_case(CaseSet set, size_t index, const EvalOptions& options);

 private:
  const ProblemSpec& spec_;
  Backend& backend_;
  EntryPoint solution_;
  EntryPoint reference_;
  CheckerFunction checker_;
  std::optional<GpuEntry> gpu_;
  bool warmed_up_ = false;  // the device is warmed up once, before the first timed case
};

}  // namespace podium
