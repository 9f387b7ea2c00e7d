// podium eval, podium verify, podium problem.
#include "cli/commands.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>

#include "cli/report_print.hpp"
#include "eval/calibrate.hpp"
#include "eval/gpu_file.hpp"
#include "runner/evaluate.hpp"

namespace fs = std::filesystem;

namespace podium {
namespace {

// Progress on stderr, overwriting one line, only when a person is watching.
ProgressFn terminal_progress() {
  if (!isatty(2)) return {};
  return [](const nlohmann::json& e) {
    const auto event = e.value("event", "");
    std::string line;
    if (event == "compiling") line = fmt::format("compiling {}...", e.at("what").get<std::string>());
    if (event == "case_start")
      line = fmt::format("{} case {}/{}: {}...", e.at("set").get<std::string>(), e.at("index").get<size_t>() + 1,
                         e.at("of").get<size_t>(), e.at("name").get<std::string>());
    if (!line.empty()) fmt::print(stderr, "\r\033[K{}", line);
    if (event == "case_done") fmt::print(stderr, "\r\033[K");
  };
}

std::optional<uint64_t> secret_from_env() {
  const char* s = std::getenv("PODIUM_SECRET_SEED");
  if (!s || !*s) return std::nullopt;
  char* end = nullptr;
  const auto v = std::strtoull(s, &end, 10);
  if (*end) throw std::runtime_error(fmt::format("PODIUM_SECRET_SEED='{}' is not an unsigned integer", s));
  return v;
}

}  // namespace

int run_eval(const EvalArgs& args) {
  try {
    const Problem problem = load_problem(args.problem_dir);
    if (!fs::is_regular_file(args.solution_file)) {
      fmt::print(stderr, "error: solution file '{}' not found\n", args.solution_file);
      return 2;
    }
    EvaluateRequest req;
    req.solution_file = args.solution_file;
    req.mode = *parse_mode(args.mode);
    req.secret_seed = args.secret_seed ? args.secret_seed : secret_from_env();
    req.stopping.budget_seconds = args.time_budget;
    req.stopping.target_rel_std_error = args.target_error;
    req.input_sets = args.input_sets;
    req.time_limit_seconds = args.time_limit;
    req.verify_timer = args.verify_timer;
    if (args.verify_timer && !mode_is_timed(req.mode))
      throw std::invalid_argument("--verify-timer needs a timed mode (--mode benchmark or ranked)");
    req.settle_context = args.settle_context;
    if (args.settle_context && !mode_is_timed(req.mode))
      throw std::invalid_argument("--settle-context needs a timed mode (--mode benchmark or ranked)");
    for (size_t c : args.cases) {
      if (c == 0) throw std::invalid_argument("--cases counts from 1");
      req.only_cases.push_back(c - 1);
    }
    auto config = default_compiler_config();
    config.use_cache = !args.no_cache;
    const EvalReport report = evaluate(problem, req, config, terminal_progress());
    if (args.json) {
      std::cout << nlohmann::json(report).dump(2) << "\n";
    } else {
      std::cout << render_report(report, args.verbose);
    }
    return report.verdict == Verdict::accepted ? 0 : 1;
  } catch (const std::exception& e) {
    // Clear a progress line first, where there is one.
    fmt::print(stderr, "{}error: {}\n", isatty(2) ? "\r\033[K" : "", e.what());
    return 2;
  }
}

int run_verify(const VerifyArgs& args) {
  int failures = 0;
  const auto config = default_compiler_config();
  for (const auto& dir : args.problem_dirs) {
    Problem problem;
    try {
      problem = load_problem(dir);
    } catch (const std::exception& e) {
      fmt::print("{}: ERROR {}\n", dir, e.what());
      ++failures;
      continue;
    }
    for (const char* kind : {"correct", "wrong"}) {
      const fs::path sub = problem.dir / "solutions" / kind;
      if (!fs::is_directory(sub)) {
        fmt::print("{}: ERROR no solutions/{}/ directory\n", dir, kind);
        ++failures;
        continue;
      }
      std::vector<fs::path> files;
      for (const auto& entry : fs::directory_iterator(sub))
        if (entry.is_regular_file()) files.push_back(entry.path());
      std::sort(files.begin(), files.end());
      for (const auto& file : files) {
        EvaluateRequest req;
        req.solution_file = file;
        req.mode = *parse_mode(args.mode);
        req.stopping.budget_seconds = 0.2;
        try {
          const auto report = evaluate(problem, req, config);
          const bool accepted = report.verdict == Verdict::accepted;
          const bool as_expected = accepted == (std::string(kind) == "correct");
          if (!as_expected) ++failures;
          fmt::print("{}: {} {}/{}: {}{}{}\n", problem.spec.slug, as_expected ? "ok  " : "FAIL", kind, file.filename().string(),
                     verdict_name(report.verdict), report.message.empty() ? "" : ": ", report.message);
        } catch (const BackendUnavailable& e) {
          if (!args.skip_unavailable) ++failures;
          fmt::print("{}: {} {}/{}: {}\n", problem.spec.slug, args.skip_unavailable ? "skip" : "FAIL", kind,
                     file.filename().string(), e.what());
        } catch (const std::exception& e) {
          ++failures;
          fmt::print("{}: FAIL {}/{}: {}\n", problem.spec.slug, kind, file.filename().string(), e.what());
        }
      }
    }
  }
  fmt::print("{}\n", failures ? fmt::format("verify: {} unexpected result(s)", failures) : "verify: all as expected");
  return failures ? 1 : 0;
}

int run_problem_show(const std::string& dir) {
  try {
    const Problem p = load_problem(dir);
    const auto& s = p.spec;
    fmt::print("{} ({})\nbackend: {}\nsignature: {}\n", s.title, s.slug, backend_name(s.backend), c_signature(s, "solution"));
    switch (s.tolerance.kind) {
      case Tolerance::Kind::close:
        fmt::print("tolerance: rtol {}, atol {}\n",
                   s.tolerance.rtol_expr ? s.tolerance.rtol_expr->text() : fmt::format("{:g}", s.tolerance.rtol),
                   s.tolerance.atol_expr ? s.tolerance.atol_expr->text() : fmt::format("{:g}", s.tolerance.atol));
        break;
      case Tolerance::Kind::exact:
        fmt::print("tolerance: exact\n");
        break;
      case Tolerance::Kind::checker:
        fmt::print("tolerance: custom checker {}\n", s.tolerance.checker_file);
        break;
    }
    for (auto set : {CaseSet::test, CaseSet::benchmark, CaseSet::ranked}) {
      fmt::print("{} cases:", case_set_name(set));
      for (const auto& c : s.cases(set)) fmt::print(" [{}]", c.name);
      fmt::print("\n");
    }
    return 0;
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return 2;
  }
}

}  // namespace podium

namespace podium {
namespace {

std::string rate_text(double ops, const char* unit) { return ops > 0 ? fmt::format("{:.4g} {}", ops / 1e12, unit) : "-"; }

void print_rates(const char* label, const Rates& r) {
  fmt::print("  {:<9} memory {:>12}  f64 {:>14}  f32 {:>14}  f16 {:>14}  bf16 {:>14}  fp8 {:>14}  int8 {:>12}\n", label,
             rate_text(r.bandwidth, "TB/s"), rate_text(r.f64, "TFLOP/s"), rate_text(r.f32, "TFLOP/s"), rate_text(r.f16, "TFLOP/s"),
             rate_text(r.bf16, "TFLOP/s"), rate_text(r.f8, "TFLOP/s"), rate_text(r.i8, "TOP/s"));
}

}  // namespace

int run_sol(const std::string& dir, const std::string& gpu_name) {
  try {
    const Problem p = load_problem(dir);
    const auto measured = load_measured_gpus();
    const auto gpu = gpu_by_name(gpu_name, measured);
    if (!gpu) {
      std::string names;
      for (const auto& g : gpu_catalogue()) names += (names.empty() ? "" : ", ") + g.name;
      for (const auto& g : measured) names += ", " + g.name;
      fmt::print(stderr, "error: unknown GPU '{}' (known: {})\n", gpu_name, names);
      return 2;
    }
    if (!p.spec.cost.flops && !p.spec.cost.bytes) {
      fmt::print(stderr, "error: {} has no cost model (cost.flops, cost.bytes in problem.yaml)\n", p.spec.slug);
      return 2;
    }
    const Rates rates = gpu->realistic();
    fmt::print("{} on {} ({}): {} of {}, memory {}, outputs up to {} MiB stay in L2\n", p.spec.slug, gpu->name,
               gpu->measured ? "measured ceilings" : "datasheet peaks", rate_text(rates.flops_for(p.spec.cost.dtype), "TFLOP/s"),
               dtype_name(p.spec.cost.dtype), rate_text(rates.bandwidth, "TB/s"), gpu->l2_bytes >> 20);
    fmt::print("{:<10} {:<32} {:>14} {:>14} {:>12} {:>12} {:>12}  {}\n", "set", "case", "flops", "bytes", "compute", "memory", "SoL", "bound");
    for (auto set : {CaseSet::test, CaseSet::benchmark, CaseSet::ranked}) {
      for (const auto& c : p.spec.cases(set)) {
        const auto s = speed_of_light(p.spec, c.vars, rates, gpu->l2_bytes);
        fmt::print("{:<10} {:<32} {:>14.6g} {:>14.6g} {:>12} {:>12} {:>12}  {}\n", case_set_name(set), c.name, s->flops, s->bytes,
                   format_seconds(s->compute_seconds), format_seconds(s->memory_seconds), format_seconds(s->seconds),
                   s->memory_bound ? "memory" : "compute");
      }
    }
    return 0;
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return 2;
  }
}

int run_gpu_list() {
  try {
    for (const auto& list : {gpu_catalogue(), load_measured_gpus()}) {
      for (const auto& g : list) {
        fmt::print("{}  ({})\n", g.name, g.source);
        if (g.peak.bandwidth > 0) print_rates("peak", g.peak);
        if (g.measured) print_rates("measured", *g.measured);
      }
    }
    fmt::print("measured entries: {}\n", measured_gpus_path().string());
    return 0;
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return 2;
  }
}

int run_gpu_calibrate() {
  try {
    const GpuEntry entry = calibrate_gpu([](const std::string& what) { fmt::print(stderr, "measuring {}...\n", what); });
    save_measured_gpu(entry);
    fmt::print("{}  ({})\n", entry.name, entry.source);
    print_rates("measured", *entry.measured);
    if (entry.peak.bandwidth > 0) print_rates("peak", entry.peak);
    fmt::print("saved to {}\n", measured_gpus_path().string());
    return 0;
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return 2;
  }
}

}  // namespace podium
