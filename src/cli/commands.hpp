// The subcommands of the podium command; each returns the process exit code.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "eval/evaluator.hpp"

namespace podium {

struct EvalArgs {
  std::string problem_dir;
  std::string solution_file;
  std::string mode = "test";
  bool json = false;
  bool verbose = false;
  std::optional<uint64_t> secret_seed;
  bool no_cache = false;
  double time_budget = 0.5;
  double target_error = 0.001;
  size_t input_sets = kDefaultInputSets;
  double time_limit = 0;
  std::vector<size_t> cases;  // 1-based
  bool verify_timer = false;
  bool settle_context = false;
};

struct VerifyArgs {
  std::vector<std::string> problem_dirs;
  std::string mode = "test";
  bool skip_unavailable = false;
};

int run_eval(const EvalArgs& args);
int run_verify(const VerifyArgs& args);
int run_problem_show(const std::string& problem_dir);
// podium sol PROBLEM [--gpu NAME]: the speed-of-light table per case.
int run_sol(const std::string& problem_dir, const std::string& gpu);
// podium gpu list / podium gpu calibrate.
int run_gpu_list();
int run_gpu_calibrate();

}  // namespace podium
