// Every bundled problem, as CI can check it without a GPU: the spec loads, the reference and every
// example solution compile (nvcc for CUDA problems, where nvcc is installed), for CPU problems every
// correct solution is accepted and every wrong one rejected, the test cases include the edge shapes,
// and every CUDA problem's CPU reference in double compiles and writes finite values to every output
// element on its test cases. On a GPU, scripts/gpu-check.sh runs `podium verify` over all of them, and
// tests/gpu/reference_test.cpp checks each GPU reference against its CPU reference.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fmt/format.h>
#include <future>
#include <vector>

#include "cpu_reference.hpp"
#include "eval/library.hpp"
#include "eval/problem_loader.hpp"
#include "runner/evaluate.hpp"
#include "test_support.hpp"

using namespace podium;
using podium::testing::source_path;
using podium::testing::test_compiler_config;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> bundled_problems() {
  std::vector<fs::path> dirs;
  for (const auto& set : fs::directory_iterator(source_path("problems")))
    for (const auto& p : fs::directory_iterator(set.path()))
      if (fs::exists(p.path() / "problem.yaml")) dirs.push_back(p.path());
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

std::vector<fs::path> solutions(const fs::path& problem, const char* kind) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(problem / "solutions" / kind)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

// "pmpp/matmul": how the messages name a problem.
std::string problem_name(const fs::path& dir) { return (dir.parent_path().filename() / dir.filename()).string(); }

// Compiles every request, two at a time (CI machines have two cores); the results in request order.
std::vector<CompiledLibrary> compile_all(const std::vector<CompileRequest>& requests) {
  const auto config = test_compiler_config();
  std::vector<CompiledLibrary> results;
  std::vector<std::future<CompiledLibrary>> running;
  for (const auto& request : requests) {
    running.push_back(std::async(std::launch::async, [request, config] { return compile(request, config); }));
    if (running.size() == 2) {
      results.push_back(running.front().get());
      running.erase(running.begin());
    }
  }
  for (auto& r : running) results.push_back(r.get());
  return results;
}

// The dimensions of a case's inputs (and outputs, with `outputs`) that depend on its variables:
// constant ones, like a histogram's 256 bins or a pixel's 3 channels, say nothing about edge shapes.
std::vector<uint64_t> variable_dimensions(const ProblemSpec& spec, const Case& c, bool outputs) {
  std::vector<uint64_t> out;
  for (const auto& p : spec.parameters) {
    if (p.role != Role::input && !(outputs && p.role == Role::output)) continue;
    const auto dims = dimensions(p, c.vars);
    for (size_t d = 0; d < dims.size(); ++d)
      if (!p.shape[d].variables().empty()) out.push_back(dims[d]);
  }
  return out;
}

// The benchmark cases at the maximum of `measure` (several when they tie).
template <typename Measure>
std::vector<const Case*> largest_benchmark_cases(const ProblemSpec& spec, Measure measure) {
  double most = 0;
  for (const auto& c : spec.benchmark_cases) most = std::max(most, measure(c));
  std::vector<const Case*> out;
  for (const auto& c : spec.benchmark_cases)
    if (measure(c) == most) out.push_back(&c);
  return out;
}

// How much work a CPU reference may get per case in CI: the cases of a CUDA problem beyond it (its
// largest ones, which only the GPU runs) are listed in the test's output.
constexpr podium::testing::SizeBound kCiBound{2e8, 64.0 * 1024 * 1024};

}  // namespace

TEST(BundledProblems, EveryProblemLoadsWithExamplesOfBothKinds) {
  const auto dirs = bundled_problems();
  ASSERT_GE(dirs.size(), 3u);
  for (const auto& dir : dirs) {
    SCOPED_TRACE(dir.string());
    const auto p = load_problem(dir);
    EXPECT_EQ(p.spec.slug, dir.filename().string()) << "the directory is named after the slug";
    EXPECT_FALSE(solutions(dir, "correct").empty());
    EXPECT_FALSE(solutions(dir, "wrong").empty());
    EXPECT_FALSE(p.spec.benchmark_cases.empty()) << "every problem can be benchmarked";
    EXPECT_TRUE(p.spec.cost.flops || p.spec.cost.bytes) << "every problem has a cost model";
    if (p.spec.backend == BackendKind::cuda) {
      EXPECT_FALSE(p.spec.cpu_reference_file.empty()) << "every CUDA problem has a cpu_reference in double";
    }
  }
}

TEST(BundledProblems, TestCasesIncludeSizeOneANonMultipleOf32AndTheLargestBenchmarkCases) {
  for (const auto& dir : bundled_problems()) {
    SCOPED_TRACE(dir.string());
    const auto spec = load_problem(dir).spec;
    const auto& tests = spec.test_cases;
    const bool size_one = std::any_of(tests.begin(), tests.end(), [&](const Case& c) {
      const auto dims = variable_dimensions(spec, c, false);
      return std::all_of(dims.begin(), dims.end(), [](uint64_t d) { return d == 1; });
    });
    EXPECT_TRUE(size_one) << "no test case in which every input dimension is 1";
    const bool ragged = std::any_of(tests.begin(), tests.end(), [&](const Case& c) {
      const auto dims = variable_dimensions(spec, c, true);
      return std::any_of(dims.begin(), dims.end(), [](uint64_t d) { return d > 32 && d % 32 != 0; });
    });
    EXPECT_TRUE(ragged) << "no test case with a dimension above 32 that is not a multiple of 32";
    const auto bytes = [&](const Case& c) { return podium::testing::data_bytes(spec, c); };
    const auto flops = [&](const Case& c) { return spec.cost.flops ? spec.cost.flops->evaluate(c.vars) : 0.0; };
    for (const auto& [what, largest] : {std::pair{"the most data", largest_benchmark_cases(spec, bytes)},
                                        std::pair{"the most flops", largest_benchmark_cases(spec, flops)}}) {
      const bool tested = std::any_of(largest.begin(), largest.end(), [&](const Case* big) {
        return std::any_of(tests.begin(), tests.end(), [&](const Case& c) { return c.vars == big->vars; });
      });
      EXPECT_TRUE(tested) << "the benchmark case with " << what << " (" << largest.front()->name << ") is not a test case";
    }
  }
}

TEST(BundledProblems, EveryReferenceTemplateAndSolutionCompiles) {
  if (!podium::testing::nvcc_available()) GTEST_SKIP() << "nvcc is not installed: CUDA problems' files not compiled";
  std::vector<fs::path> files;
  std::vector<CompileRequest> requests;
  for (const auto& dir : bundled_problems()) {
    const auto p = load_problem(dir);
    std::vector<std::pair<fs::path, std::string>> entries{{p.file(p.spec.reference_file), "reference"},
                                                          {p.file(p.spec.template_file), "solution"}};
    for (const char* kind : {"correct", "wrong"})
      for (const auto& f : solutions(dir, kind)) entries.emplace_back(f, "solution");
    for (const auto& [file, entry] : entries) {
      files.push_back(file);
      requests.push_back(entry_request(p.spec, file, entry));
    }
  }
  const auto results = compile_all(requests);
  for (size_t i = 0; i < results.size(); ++i)
    EXPECT_TRUE(results[i].report.ok) << files[i] << ": " << results[i].report.summary << "\n" << results[i].report.diagnostics;
}

TEST(BundledProblems, CpuReferencesInDoubleWriteEveryOutputWithFiniteValuesOnTheTestCases) {
  using podium::testing::OutputFill;
  std::vector<Problem> problems;
  std::vector<CompileRequest> requests;
  std::string not_run;
  for (const auto& dir : bundled_problems()) {
    auto p = load_problem(dir);
    if (p.spec.cpu_reference_file.empty()) continue;
    const auto request = podium::testing::cpu_reference_request(p, test_compiler_config());
    if (!request) {
      not_run += fmt::format("  {}: its signature needs cuda_fp16.h, and CUDA is not installed\n", problem_name(dir));
      continue;
    }
    problems.push_back(std::move(p));
    requests.push_back(*request);
  }
  ASSERT_FALSE(problems.empty());
  const auto compiled = compile_all(requests);
  auto cpu = make_backend(BackendKind::cpu);
  for (size_t k = 0; k < problems.size(); ++k) {
    const auto& spec = problems[k].spec;
    const auto name = problem_name(problems[k].dir);
    ASSERT_TRUE(compiled[k].report.ok) << name << "/" << spec.cpu_reference_file << " does not compile with the host compiler: "
                                       << compiled[k].report.summary << "\n" << compiled[k].report.diagnostics;
    const Library library(compiled[k].library.string());
    for (size_t i = 0; i < spec.test_cases.size(); ++i) {
      const auto& c = spec.test_cases[i];
      const auto where = fmt::format("{} test[{}] ({})", name, i, c.name);
      if (const auto reason = podium::testing::beyond(spec, c, kCiBound); !reason.empty()) {
        not_run += fmt::format("  {}: {}\n", where, reason);
        continue;
      }
      const podium::testing::BackendCase generated(spec, c, case_seed(spec, CaseSet::test, i, std::nullopt), *cpu);
      const auto inputs = generated.download();
      // Two runs, outputs first poisoned and then zeroed: equal outputs mean every element was written.
      const auto poisoned = podium::testing::call_on_host(spec, inputs, library.entry(), OutputFill::poison);
      const auto zeroed = podium::testing::call_on_host(spec, inputs, library.entry(), OutputFill::zero);
      EXPECT_EQ(podium::testing::changed_input(spec, inputs, poisoned), "") << where;
      for (size_t j = 0; j < spec.parameters.size(); ++j) {
        const auto& p = spec.parameters[j];
        if (p.role != Role::output) continue;
        const uint64_t count = poisoned.data[j].size() / dtype_size(p.dtype);
        const int64_t unwritten = first_changed_element(poisoned.data[j].data(), zeroed.data[j].data(), count, p.dtype);
        if (unwritten >= 0)
          ADD_FAILURE() << where << ": the CPU reference leaves "
                        << element_position(p.name, poisoned.dims[j], static_cast<uint64_t>(unwritten))
                        << " unwritten (or its output depends on the output's initial contents)";
        if (!dtype_is_float(p.dtype)) continue;
        for (uint64_t e = 0; e < count; ++e) {
          const double v = load_element(poisoned.data[j].data(), e, p.dtype);
          if (!std::isfinite(v)) {
            ADD_FAILURE() << where << ": the CPU reference writes " << v << " to " << element_position(p.name, poisoned.dims[j], e);
            break;
          }
        }
      }
    }
  }
  if (!not_run.empty()) fmt::print("CPU references not run on these test cases (the GPU test runs those within its bound):\n{}", not_run);
}

TEST(BundledProblems, CpuProblemsAcceptTheirCorrectAndRejectTheirWrongSolutions) {
  for (const auto& dir : bundled_problems()) {
    const auto p = load_problem(dir);
    if (p.spec.backend != BackendKind::cpu) continue;
    for (const char* kind : {"correct", "wrong"}) {
      for (const auto& file : solutions(dir, kind)) {
        EvaluateRequest req;
        req.solution_file = file;
        const auto r = evaluate(p, req, test_compiler_config());
        if (std::string(kind) == "correct") {
          EXPECT_EQ(r.verdict, Verdict::accepted) << file << ": " << r.message;
        } else {
          // A wrong answer, not a time limit or a crash on the largest case, which would hide whether
          // the test cases catch the mistake.
          EXPECT_EQ(r.verdict, Verdict::wrong_answer) << file << ": " << r.message;
        }
      }
    }
  }
}
