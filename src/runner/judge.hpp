// The judge: the process that decides an evaluation. It loads the problem, generates the inputs,
// runs the reference and checks the outputs (the Evaluator), and tells the evaluating process what
// happens as JSON lines ("device", "case_start", "case_done", then "finished", "failed" with a
// verdict and a message, "lost" when the contestant process ended, or "unavailable" when the
// device cannot be used). The submission itself runs in the contestant process (contestant.hpp),
// which the judge only calls.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "core/report.hpp"
#include "core/sol.hpp"
#include "core/stats.hpp"
#include "eval/evaluator.hpp"
#include "eval/problem_loader.hpp"

namespace podium {

// What the judge is asked to do, sent to it as JSON.
struct JudgeRequest {
  std::filesystem::path problem_dir;
  Mode mode = Mode::test;
  std::optional<uint64_t> secret_seed;
  StoppingRule stopping;
  size_t input_sets = kDefaultInputSets;  // EvalOptions::max_input_sets
  std::vector<size_t> only_cases;  // empty: all of the mode's cases
  bool verify_timer = false;
  bool settle_context = false;  // the contestant settles into a fast CUDA context (eval/context_kinds.hpp)
  std::filesystem::path reference_library;
  std::filesystem::path checker_library;  // empty: no custom checker
  std::vector<GpuEntry> measured_gpus;    // for the speed-of-light floor
  // Where the empty kernel's span and the context kinds of each GPU and driver are kept
  // (cached_empty_kernel_span, cached_fast_context_bound); empty: every contestant measures the span
  // itself, and none settles its context.
  std::filesystem::path calibration_dir;
};

// The empty kernel's execution span (Backend::measure_empty_kernel_span) on `backend`'s GPU and
// driver, read from `dir`; the first time, measured here with 4000 traced calls and kept there for
// every later evaluation. nullopt when it cannot be measured (the CPU, no CUPTI, a profiler
// attached). A contestant subtracts it from the interval it measures around that kernel itself.
std::optional<double> cached_empty_kernel_span(const std::filesystem::path& dir, Backend& backend);

// The boundary between this GPU's fast and slow CUDA contexts (eval/context_kinds.hpp), read from
// `dir`; the first time, measured here over kSampledContexts contexts made one after another (about
// 3 s; this process's context is made afresh each time) and kept. nullopt when the contexts are of
// one kind, or cannot be measured (then nothing is kept), or `dir` is empty.
std::optional<double> cached_fast_context_bound(const std::filesystem::path& dir);
inline constexpr int kSampledContexts = 16;

void to_json(nlohmann::json& j, const JudgeRequest& r);
void from_json(const nlohmann::json& j, JudgeRequest& r);

// podium-evaluator's command-line options: the value after `name`, and a descriptor number.
std::optional<std::string> program_option(const std::vector<std::string>& args, const std::string& name);
int program_fd(const std::vector<std::string>& args, const std::string& name);

// podium-evaluator judge --request-fd N --events-fd N --channel-fd N
int judge_main(const std::vector<std::string>& args);

}  // namespace podium
