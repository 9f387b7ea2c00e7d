// Whole evaluations on a real GPU: every example solution of the CUDA problems gets its expected
// verdict, benchmark mode times with CUDA events, and a device fault is a GPU fault.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "eval/context_kinds.hpp"
#include "eval/problem_loader.hpp"
#include "integration/test_support.hpp"
#include "runner/evaluate.hpp"
#include "runner/judge.hpp"

using namespace podium;
using podium::testing::source_path;
using podium::testing::TempDir;
namespace fs = std::filesystem;

namespace {

bool gpu_usable() { return !probe_backend(BackendKind::cuda); }

#define REQUIRE_GPU()                                                                    \
  do {                                                                                   \
    if (!gpu_usable()) GTEST_SKIP() << "no usable CUDA GPU on this machine: GPU evaluation not tested"; \
  } while (0)

EvalReport run(const std::string& problem_dir, const fs::path& file, Mode mode = Mode::test, bool verify_timer = false) {
  EvaluateRequest req;
  req.solution_file = file;
  req.mode = mode;
  req.verify_timer = verify_timer;
  req.stopping.budget_seconds = 0.5;
  return evaluate(load_problem(source_path(problem_dir)), req, default_compiler_config());
}

void expect_examples(const std::string& problem_dir) {
  for (const char* kind : {"correct", "wrong"}) {
    for (const auto& e : fs::directory_iterator(source_path(problem_dir) / "solutions" / kind)) {
      const auto r = run(problem_dir, e.path());
      if (std::string(kind) == "correct") {
        EXPECT_EQ(r.verdict, Verdict::accepted) << e.path() << ": " << r.message;
      } else {
        EXPECT_NE(r.verdict, Verdict::accepted) << e.path();
        EXPECT_FALSE(r.message.empty()) << e.path();
      }
    }
  }
}

}  // namespace

TEST(CudaEval, VectorAdditionExamplesGetTheirExpectedVerdicts) {
  REQUIRE_GPU();
  expect_examples("problems/tensara/vector-addition");
}

TEST(CudaEval, MatrixMultiplicationExamplesGetTheirExpectedVerdicts) {
  REQUIRE_GPU();
  expect_examples("problems/tensara/matrix-multiplication");
}

TEST(CudaEval, BenchmarkModeReportsEventTimesAndSpeedOfLight) {
  REQUIRE_GPU();
  const auto r = run("problems/tensara/vector-addition", source_path("problems/tensara/vector-addition/solutions/correct/plain.cu"),
                     Mode::benchmark);
  ASSERT_EQ(r.verdict, Verdict::accepted) << r.message;
  for (const auto& c : r.cases) {
    ASSERT_TRUE(c.timing);
    EXPECT_NE(c.timing->clock.find("CUDA events"), std::string::npos);
    EXPECT_TRUE(c.timing->launch_latency_hidden) << "launches are held behind the blocking kernel";
    EXPECT_GE(c.timing->summary.count, 10u);
    EXPECT_GE(c.timing->input_sets, 2u);
    EXPECT_GT(c.timing->sm_clock_mhz_max, 0) << "NVML reports the SM clock";
    if (c.sol_seconds) {
      EXPECT_GT(c.timing->summary.mean, 0.8 * *c.sol_seconds) << "faster than the speed of light";
    }
  }
  EXPECT_FALSE(r.compile.kernels.empty());
}

TEST(CudaEval, AnIllegalAddressIsAGpuFaultAndTheNextEvaluationPasses) {
  REQUIRE_GPU();
  const auto r = run("problems/tensara/vector-addition", source_path("tests/data/solutions/illegal-address.cu"));
  EXPECT_EQ(r.verdict, Verdict::gpu_fault);
  EXPECT_NE(r.message.find("illegal"), std::string::npos) << r.message;
  const auto next = run("problems/tensara/vector-addition", source_path("problems/tensara/vector-addition/solutions/correct/plain.cu"));
  EXPECT_EQ(next.verdict, Verdict::accepted) << next.message;
}

TEST(CudaEval, ASolutionThatSynchronizesIsTimedWithoutTheBlockingKernel) {
  REQUIRE_GPU();
  const auto r = run("problems/tensara/vector-addition", source_path("tests/data/solutions/synchronizes.cu"), Mode::benchmark);
  ASSERT_EQ(r.verdict, Verdict::accepted) << r.message;
  ASSERT_TRUE(r.cases.at(0).timing);
  EXPECT_EQ(r.cases.at(0).timing->deadlocked_samples, 1u) << "one sample is lost discovering it";
  EXPECT_FALSE(r.cases.back().timing->launch_latency_hidden);
  EXPECT_NE(r.cases.back().timing->clock.find("launch latency included"), std::string::npos);
}

TEST(CudaEval, VerifyTimerReportsCuptisTimeForEveryCase) {
  REQUIRE_GPU();
  const auto r = run("problems/tensara/vector-addition", source_path("problems/tensara/vector-addition/solutions/correct/plain.cu"),
                     Mode::benchmark, true);
  ASSERT_EQ(r.verdict, Verdict::accepted) << r.message;
  for (const auto& c : r.cases) {
    ASSERT_TRUE(c.timing && c.timing->cupti_mean_seconds) << c.name;
    const double ratio = c.timing->summary.mean / *c.timing->cupti_mean_seconds;
    EXPECT_GT(ratio, 0.5) << c.name;
    EXPECT_LT(ratio, 2.0) << c.name;
    EXPECT_EQ(c.timing->cupti_operations, 1) << c.name << ": one kernel per call";
  }
}

// The witness counts the GPU operations of a call: vectorsum's baseline zeroes its output with a
// memset, then launches one kernel.
TEST(CudaEval, VerifyTimerCountsTheGpuOperationsOfACall) {
  REQUIRE_GPU();
  EvaluateRequest req;
  req.solution_file = source_path("problems/pmpp/vectorsum/solutions/correct/baseline.cu");
  req.mode = Mode::benchmark;
  req.verify_timer = true;
  req.only_cases = {0};
  req.stopping.budget_seconds = 0.1;
  const auto r = evaluate(load_problem(source_path("problems/pmpp/vectorsum")), req, default_compiler_config());
  ASSERT_EQ(r.verdict, Verdict::accepted) << r.message;
  ASSERT_TRUE(r.cases.at(0).timing && r.cases.at(0).timing->cupti_mean_seconds);
  EXPECT_EQ(r.cases.at(0).timing->cupti_operations, 2);
}

// The empty kernel's span is measured once and kept; each evaluation measures the event interval of
// its own context around that kernel, which differs between processes, and keeps measuring it among
// the timed calls.
TEST(CudaEval, TheEmptyKernelSpanIsMeasuredOnceAndEachEvaluationMeasuresItsOwnInterval) {
  REQUIRE_GPU();
  // A cache of its own, so that the first evaluation measures the span; removed however the test ends.
  const TempDir cache("podium-overhead-test");
  auto compiler = default_compiler_config();
  compiler.cache_dir = cache.path();
  const auto evaluate_once = [&] {
    EvaluateRequest req;
    req.solution_file = source_path("problems/tensara/vector-addition/solutions/correct/plain.cu");
    req.mode = Mode::benchmark;
    req.only_cases = {0};
    req.stopping.budget_seconds = 0.1;
    return evaluate(load_problem(source_path("problems/tensara/vector-addition")), req, compiler);
  };
  // The nanoseconds subtracted, from the clock description; -1 when it names none.
  const auto overhead_ns = [](const EvalReport& r) {
    const std::string& clock = r.cases.at(0).timing->clock;
    const std::string lead = "event overhead subtracted (";
    const auto at = clock.find(lead);
    return at == std::string::npos ? -1 : std::stoi(clock.substr(at + lead.size()));
  };
  const auto kept = [&] {
    std::vector<std::string> texts;
    for (const auto& e : fs::directory_iterator(cache.path() / "calibration"))
      if (e.path().filename().string().rfind("empty-kernel-span-", 0) == 0) texts.push_back(read_text_file(e.path()));
    return texts;
  };
  const auto first = evaluate_once();
  ASSERT_EQ(first.verdict, Verdict::accepted) << first.message;
  const auto after_first = kept();
  ASSERT_EQ(after_first.size(), 1u);
  EXPECT_NE(after_first[0].find("empty_kernel_seconds"), std::string::npos) << after_first[0];
  const auto second = evaluate_once();
  ASSERT_EQ(second.verdict, Verdict::accepted) << second.message;
  EXPECT_EQ(kept(), after_first);  // read, not measured again
  for (const auto* r : {&first, &second}) {
    const std::string& clock = r->cases.at(0).timing->clock;
    EXPECT_GT(overhead_ns(*r), 0) << clock;
    EXPECT_LT(overhead_ns(*r), 10000) << clock;
    EXPECT_NE(clock.find("timed after one call in 2, less its span from CUPTI, measured once for this GPU and driver"), std::string::npos)
        << clock;
  }
}

// The boundary between fast and slow contexts is measured once and kept; an evaluation that settles
// its context (ranked runs, or asked to) says which it got; one that does not says nothing of it.
TEST(CudaEval, ContextKindsAreMeasuredOnceAndASettledEvaluationSaysWhichContextItGot) {
  REQUIRE_GPU();
  const TempDir cache("podium-context-kinds-test");
  auto compiler = default_compiler_config();
  compiler.cache_dir = cache.path();
  const auto evaluate_once = [&](Mode mode, bool settle) {
    EvaluateRequest req;
    req.solution_file = source_path("problems/tensara/vector-addition/solutions/correct/plain.cu");
    req.mode = mode;
    req.settle_context = settle;
    req.only_cases = {0};
    req.stopping.budget_seconds = 0.1;
    return evaluate(load_problem(source_path("problems/tensara/vector-addition")), req, compiler);
  };
  const auto said = [](const EvalReport& r) {
    const std::string& clock = r.cases.at(0).timing->clock;
    return clock.find("a fast context (") != std::string::npos || clock.find("a slow context (") != std::string::npos;
  };
  const auto kept = [&] {
    std::vector<std::string> texts;
    if (!fs::exists(cache.path() / "calibration")) return texts;
    for (const auto& e : fs::directory_iterator(cache.path() / "calibration"))
      if (e.path().filename().string().rfind("context-kinds-", 0) == 0) texts.push_back(read_text_file(e.path()));
    return texts;
  };
  const auto unsettled = evaluate_once(Mode::benchmark, false);
  ASSERT_EQ(unsettled.verdict, Verdict::accepted) << unsettled.message;
  EXPECT_FALSE(said(unsettled)) << unsettled.cases.at(0).timing->clock;
  EXPECT_TRUE(kept().empty());  // nothing measured for it
  const auto first = evaluate_once(Mode::benchmark, true);
  ASSERT_EQ(first.verdict, Verdict::accepted) << first.message;
  const auto after_first = kept();
  ASSERT_EQ(after_first.size(), 1u);
  const auto j = nlohmann::json::parse(after_first[0]);
  ASSERT_EQ(j.at("gaps_seconds").size(), static_cast<size_t>(kSampledContexts)) << after_first[0];
  for (const auto& gap : j.at("gaps_seconds")) {
    EXPECT_GT(gap.get<double>(), 0.1e-6) << after_first[0];
    EXPECT_LT(gap.get<double>(), 20e-6) << after_first[0];
  }
  const auto ranked = evaluate_once(Mode::ranked, false);
  ASSERT_EQ(ranked.verdict, Verdict::accepted) << ranked.message;
  EXPECT_EQ(kept(), after_first);  // read, not measured again
  const bool two_kinds = !j.at("fast_below_seconds").is_null();
  std::printf("context kinds of this GPU: %s\n", after_first[0].c_str());
  for (const auto* r : {&first, &ranked}) EXPECT_EQ(said(*r), two_kinds) << r->cases.at(0).timing->clock;
}

// Settling: a context under any boundary is kept as made; none is under zero, so every one allowed
// is made and the last is kept, called slow.
TEST(CudaEval, SettlingMakesContextsAfreshUntilOneIsFast) {
  REQUIRE_GPU();
  const SettledContext kept = settle_context(1.0, 4);
  EXPECT_EQ(kept.made, 1);
  EXPECT_TRUE(kept.fast());
  EXPECT_GT(kept.gap, 0.1e-6);
  EXPECT_LT(kept.gap, 20e-6);
  const SettledContext none = settle_context(0.0, 3);
  EXPECT_EQ(none.made, 3);
  EXPECT_FALSE(none.fast());
  const auto gaps = sample_context_gaps(2);
  ASSERT_EQ(gaps.size(), 2u);
  for (double gap : gaps) EXPECT_GT(gap, 0.1e-6);
}
