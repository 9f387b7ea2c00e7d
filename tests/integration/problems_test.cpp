// Every bundled problem, as CI can check it without a GPU: the spec loads, the reference and every
// example solution compile (nvcc for CUDA problems, where nvcc is installed), and for CPU problems
// every correct solution is accepted and every wrong one rejected. On a GPU, scripts/gpu-check.sh runs
// `podium verify` over all of them.
#include <gtest/gtest.h>

#include <filesystem>
#include <future>
#include <vector>

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
  }
}

TEST(BundledProblems, EveryReferenceTemplateAndSolutionCompiles) {
  if (!podium::testing::nvcc_available()) GTEST_SKIP() << "nvcc is not installed: CUDA problems' files not compiled";
  std::vector<std::pair<fs::path, std::future<CompiledLibrary>>> builds;
  const auto config = test_compiler_config();
  for (const auto& dir : bundled_problems()) {
    const auto p = load_problem(dir);
    std::vector<std::pair<fs::path, std::string>> files{{p.file(p.spec.reference_file), "reference"},
                                                        {p.file(p.spec.template_file), "solution"}};
    for (const char* kind : {"correct", "wrong"})
      for (const auto& f : solutions(dir, kind)) files.emplace_back(f, "solution");
    for (const auto& [file, entry] : files)
      builds.emplace_back(file, std::async(std::launch::async, [spec = p.spec, file, entry, config] {
                            return compile(entry_request(spec, file, entry), config);
                          }));
    // Two at a time: CI machines have two cores.
    while (builds.size() >= 2) {
      auto& [file, result] = builds.front();
      const auto r = result.get();
      EXPECT_TRUE(r.report.ok) << file << ": " << r.report.summary << "\n" << r.report.diagnostics;
      builds.erase(builds.begin());
    }
  }
  for (auto& [file, result] : builds) {
    const auto r = result.get();
    EXPECT_TRUE(r.report.ok) << file << ": " << r.report.summary << "\n" << r.report.diagnostics;
  }
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
          EXPECT_NE(r.verdict, Verdict::accepted) << file;
        }
      }
    }
  }
}
