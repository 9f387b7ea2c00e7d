// The podium command: one binary, one subcommand per job.
//
//   podium eval PROBLEM_DIR SOLUTION_FILE [--mode test|benchmark] [--json]   evaluate one submission locally
//   podium verify PROBLEM_DIR...                                             run a problem's example solutions
//   podium problem PROBLEM_DIR                                               show a problem's signature and cases
//   podium sol PROBLEM_DIR [--gpu NAME]                                      speed of light per case
//   podium gpu list | calibrate                                              the GPU catalogue; measure this GPU
//   podium serve | admin ...                                                 run the platform (server_commands.cpp)
//   podium login | submit | leaderboard | history | show | problems | template | worker
//                                                                            use a server (client_commands.cpp)
//
// Exit codes: 0 success (accepted), 1 the submission was not accepted, 2 the command could not run
// (bad arguments, malformed problem, no device for the problem's backend).
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <filesystem>
#include <fmt/format.h>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/subcommands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Podium: GPU kernel competitions. Compile, check, time and rank kernels."};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("podium ") + PODIUM_VERSION);

  podium::EvalArgs eval;
  auto* eval_cmd = app.add_subcommand("eval", "Evaluate a solution against a problem on this machine");
  eval_cmd->add_option("problem", eval.problem_dir, "Problem directory (holds problem.yaml)")->required();
  eval_cmd->add_option("solution", eval.solution_file, "Solution source file (.cu or .cpp)")->required();
  eval_cmd->add_option("--mode", eval.mode,
                       "test: correctness on the test cases; benchmark: check and time the benchmark cases; "
                       "ranked: the same for the ranked cases (give --secret-seed)")
      ->check(CLI::IsMember({"test", "benchmark", "ranked"}))
      ->default_val("test");
  eval_cmd->add_flag("--json", eval.json, "Print the report as JSON (schema podium.eval/1)");
  eval_cmd->add_flag("-v,--verbose", eval.verbose, "Show the compiler's full output");
  eval_cmd->add_option("--secret-seed", eval.secret_seed, "Secret seed mixed into every case seed (default: $PODIUM_SECRET_SEED)");
  eval_cmd->add_flag("--no-cache", eval.no_cache, "Compile even if the compile cache has this build");
  eval_cmd->add_option("--time-budget", eval.time_budget, "Seconds of timing per benchmark case at most")->default_val(0.5);
  eval_cmd->add_option("--target-error", eval.target_error, "Stop timing a case when the relative standard error is below this")
      ->default_val(0.001);
  eval_cmd->add_option("--input-sets", eval.input_sets,
                       "Input sets (each with its own buffers) rotated between timed calls, at most; fewer when memory is short")
      ->default_val(podium::kDefaultInputSets)
      ->check(CLI::Range(1, 64));
  eval_cmd->add_flag("--verify-timer", eval.verify_timer,
                     "Also measure the timed calls with CUPTI and print the ratio of Podium's time to CUPTI's per case");
  eval_cmd->add_flag("--settle-context", eval.settle_context,
                     "Before timing, make the CUDA context afresh until it is a fast one (ranked runs always do; "
                     "about 0.2 s more on average)");
  eval_cmd->add_option("--cases", eval.cases, "Only these cases of the mode, counted from 1 (e.g. --cases 2,3)")->delimiter(',');
  eval_cmd->add_option("--time-limit", eval.time_limit, "Seconds the whole evaluation may take (default: by mode and cases)");

  podium::VerifyArgs verify;
  auto* verify_cmd = app.add_subcommand("verify", "Check that a problem's correct solutions pass and its wrong ones fail");
  verify_cmd->add_option("problems", verify.problem_dirs, "Problem directories")->required();
  verify_cmd->add_option("--mode", verify.mode, "test or benchmark")->check(CLI::IsMember({"test", "benchmark"}))->default_val("test");
  verify_cmd->add_flag("--skip-unavailable", verify.skip_unavailable,
                       "Report problems whose backend this machine lacks as skipped instead of failing");

  std::string show_dir;
  auto* problem_cmd = app.add_subcommand("problem", "Show a problem: its signature, tolerance and cases");
  problem_cmd->add_option("problem", show_dir, "Problem directory")->required();

  std::string sol_dir, sol_gpu;
  auto* sol_cmd = app.add_subcommand("sol", "Speed of light per case: max(flops / math rate, bytes / bandwidth)");
  sol_cmd->add_option("problem", sol_dir, "Problem directory")->required();
  sol_cmd->add_option("--gpu", sol_gpu, "GPU from the catalogue (podium gpu list) or a calibrated device")->default_val("H100");

  auto* gpu_cmd = app.add_subcommand("gpu", "The GPU catalogue behind the speed of light");
  gpu_cmd->require_subcommand(1);
  auto* gpu_list = gpu_cmd->add_subcommand("list", "Show the catalogue and the measured entries");
  auto* gpu_calibrate = gpu_cmd->add_subcommand("calibrate", "Measure this machine's GPU and save it as a measured entry");

  podium::add_server_commands(app);
  podium::add_client_commands(app);

  CLI11_PARSE(app, argc, argv);
  if (sol_cmd->parsed()) return podium::run_sol(sol_dir, sol_gpu);
  if (gpu_list->parsed()) return podium::run_gpu_list();
  if (gpu_calibrate->parsed()) return podium::run_gpu_calibrate();
  if (eval_cmd->parsed()) return podium::run_eval(eval);
  if (verify_cmd->parsed()) return podium::run_verify(verify);
  if (problem_cmd->parsed()) return podium::run_problem_show(show_dir);
  return 0;  // a subcommand registered by add_*_commands ran from its callback
}
