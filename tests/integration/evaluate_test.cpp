// Whole evaluations on the CPU backend with the real compiler and a real child process: correct,
// wrong, crashing, hanging, input-mutating and lazy solutions each get the right verdict.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <thread>

#include "eval/library.hpp"
#include "eval/problem_loader.hpp"
#include "runner/evaluate.hpp"
#include "test_support.hpp"

using namespace podium;
using podium::testing::source_path;
using podium::testing::test_compiler_config;

namespace {

EvalReport eval_file(const std::string& problem_dir, const std::string& solution, Mode mode = Mode::test,
                     double time_limit = 0) {
  const auto problem = load_problem(source_path(problem_dir));
  EvaluateRequest req;
  req.solution_file = source_path(solution);
  req.mode = mode;
  req.stopping.budget_seconds = 0.3;
  req.time_limit_seconds = time_limit;
  return evaluate(problem, req, test_compiler_config());
}

const char* kSum = "problems/cpu/vector-sum";

}  // namespace

TEST(Evaluate, AcceptsACorrectSolutionOnEveryTestCase) {
  const auto r = eval_file(kSum, "problems/cpu/vector-sum/solutions/correct/double-accumulator.cpp");
  EXPECT_EQ(r.verdict, Verdict::accepted) << r.message;
  const auto problem = load_problem(source_path(kSum));
  EXPECT_EQ(r.cases.size(), problem.spec.test_cases.size());
  for (const auto& c : r.cases) EXPECT_TRUE(c.passed) << c.name;
  EXPECT_EQ(r.device.backend, "cpu");
}

TEST(Evaluate, RejectsAWrongSolutionNamingTheFirstBadElement) {
  const auto r = eval_file(kSum, "problems/cpu/vector-sum/solutions/wrong/skips-first.cpp");
  EXPECT_EQ(r.verdict, Verdict::wrong_answer);
  EXPECT_NE(r.message.find("output[0] = "), std::string::npos) << r.message;
  EXPECT_NE(r.message.find("expected"), std::string::npos) << r.message;
  ASSERT_FALSE(r.cases.empty());
  EXPECT_FALSE(r.cases.back().passed);
}

TEST(Evaluate, BenchmarkModeTimesEveryCaseWithStatistics) {
  const auto r = eval_file(kSum, "problems/cpu/vector-sum/solutions/correct/pairwise-float.cpp", Mode::benchmark);
  ASSERT_EQ(r.verdict, Verdict::accepted) << r.message;
  const auto problem = load_problem(source_path(kSum));
  ASSERT_EQ(r.cases.size(), problem.spec.benchmark_cases.size());
  for (const auto& c : r.cases) {
    ASSERT_TRUE(c.timing) << c.name;
    EXPECT_GE(c.timing->summary.count, 10u);
    EXPECT_GT(c.timing->summary.mean, 0.0);
    EXPECT_LE(c.timing->summary.min, c.timing->summary.median);
    EXPECT_LE(c.timing->summary.median, c.timing->summary.max);
    EXPECT_NE(c.timing->clock.find("steady_clock"), std::string::npos);
    EXPECT_GE(c.timing->input_sets, 2u) << "timed calls rotate through several input sets";
    EXPECT_GE(c.timing->checked_calls, 1u) << "the last timed call is always re-checked";
  }
  ASSERT_TRUE(r.score_seconds);
  EXPECT_GT(*r.score_seconds, 0.0);
}

TEST(Evaluate, RankedModeTimesTheRankedCasesThroughTheSameLoopWithTheSecretSeed) {
  const auto problem = load_problem(source_path(kSum));
  EvaluateRequest req;
  req.solution_file = source_path("problems/cpu/vector-sum/solutions/correct/double-accumulator.cpp");
  req.mode = Mode::ranked;
  req.stopping.budget_seconds = 0.2;
  req.secret_seed = 7;
  const auto r = evaluate(problem, req, test_compiler_config());
  ASSERT_EQ(r.verdict, Verdict::accepted) << r.message;
  ASSERT_EQ(r.cases.size(), problem.spec.ranked_cases.size());
  EXPECT_EQ(r.cases[0].set, "ranked");
  EXPECT_EQ(r.cases[0].seed, case_seed(problem.spec, CaseSet::ranked, 0, 7));
  ASSERT_TRUE(r.cases[0].timing);
  EXPECT_GE(r.cases[0].timing->summary.count, 10u);
  EXPECT_TRUE(r.score_seconds);
}

TEST(Evaluate, ACrashIsARuntimeErrorNamingTheSignalAndTheCase) {
  const auto r = eval_file(kSum, "tests/data/solutions/segfault.cpp");
  EXPECT_EQ(r.verdict, Verdict::runtime_error);
  EXPECT_NE(r.message.find("SIGSEGV"), std::string::npos) << r.message;
  EXPECT_NE(r.message.find("test case 1/"), std::string::npos) << r.message;
}

TEST(Evaluate, AnEndlessSolutionIsStoppedAtTheTimeLimit) {
  const auto r = eval_file(kSum, "tests/data/solutions/endless.cpp", Mode::test, 2.0);
  EXPECT_EQ(r.verdict, Verdict::time_limit);
  EXPECT_NE(r.message.find("2 s time limit"), std::string::npos) << r.message;
}

TEST(Evaluate, ModifyingAnInputIsRejectedWithTheElement) {
  const auto r = eval_file(kSum, "tests/data/solutions/modifies-input.cpp");
  EXPECT_EQ(r.verdict, Verdict::wrong_answer);
  EXPECT_NE(r.message.find("modified its input: input[0]"), std::string::npos) << r.message;
}

TEST(Evaluate, ExitingTheProcessIsNotSuccess) {
  const auto r = eval_file(kSum, "tests/data/solutions/exits-early.cpp");
  EXPECT_EQ(r.verdict, Verdict::runtime_error);
  EXPECT_NE(r.message.find("ended the process"), std::string::npos) << r.message;
}

TEST(Evaluate, ASolutionThatOnlyComputesOnItsFirstCallFailsAfterTiming) {
  const auto r = eval_file(kSum, "tests/data/solutions/first-call-only.cpp", Mode::benchmark);
  EXPECT_EQ(r.verdict, Verdict::wrong_answer);
  EXPECT_NE(r.message.find("on timed call "), std::string::npos) << r.message;
}

TEST(Evaluate, ReplayingTheFirstCallsOutputFailsOnceInputsRotate) {
  const auto r = eval_file(kSum, "tests/data/solutions/replays-first-output.cpp", Mode::benchmark);
  EXPECT_EQ(r.verdict, Verdict::wrong_answer);
  EXPECT_NE(r.message.find("on timed call "), std::string::npos) << r.message;
}

TEST(Evaluate, ACompileErrorIsAVerdictWithTheLine) {
  const auto r = eval_file(kSum, "tests/data/solutions/syntax-error.cpp");
  EXPECT_EQ(r.verdict, Verdict::compile_error);
  EXPECT_EQ(r.message.rfind("compile error at line 5", 0), 0u) << r.message;
}

TEST(Evaluate, ACustomCheckerDecidesCorrectness) {
  EXPECT_EQ(eval_file("tests/data/problems/permutation", "tests/data/problems/permutation/solutions/correct/reversed.cpp").verdict,
            Verdict::accepted);
  const auto wrong =
      eval_file("tests/data/problems/permutation", "tests/data/problems/permutation/solutions/wrong/duplicates-first.cpp");
  EXPECT_EQ(wrong.verdict, Verdict::wrong_answer);
  EXPECT_NE(wrong.message.find("rejected by the problem's checker: output is not a permutation"), std::string::npos)
      << wrong.message;
}

TEST(Evaluate, ACudaProblemOnAMachineWithoutAGpuSaysSo) {
  const auto problem = load_problem(source_path("problems/tensara/vector-addition"));
  if (!probe_backend(BackendKind::cuda))
    GTEST_SKIP() << "a CUDA GPU is usable here; the no-GPU message is tested on machines without one";
  if (!podium::testing::nvcc_available()) GTEST_SKIP() << "nvcc is not installed: the reference cannot be compiled";
  EvaluateRequest req;
  req.solution_file = source_path("problems/tensara/vector-addition/solutions/correct/plain.cu");
  try {
    evaluate(problem, req, test_compiler_config());
    FAIL() << "expected BackendUnavailable";
  } catch (const BackendUnavailable& e) {
    EXPECT_NE(std::string(e.what()).find("runs on a CUDA GPU"), std::string::npos) << e.what();
  }
}

TEST(Evaluate, ProbingTheCpuBackendFindsItUsable) { EXPECT_EQ(probe_backend(BackendKind::cpu), std::nullopt); }

TEST(Evaluate, SecretSeedChangesTheInputs) {
  const auto problem = load_problem(source_path(kSum));
  EvaluateRequest req;
  req.solution_file = source_path("problems/cpu/vector-sum/solutions/correct/double-accumulator.cpp");
  const auto plain = evaluate(problem, req, test_compiler_config());
  req.secret_seed = 99;
  const auto secret = evaluate(problem, req, test_compiler_config());
  ASSERT_EQ(plain.cases.size(), secret.cases.size());
  EXPECT_NE(plain.cases[0].seed, secret.cases[0].seed);
  EXPECT_EQ(secret.verdict, Verdict::accepted);
}

namespace {

// vector-sum's reference and a correct solution, compiled and loaded, with a CPU backend and the
// options of a short benchmark case: for tests that drive an Evaluator directly.
struct LoadedSum {
  Problem problem = load_problem(source_path(kSum));
  CompiledLibrary solution = compile(
      entry_request(problem.spec, source_path("problems/cpu/vector-sum/solutions/correct/double-accumulator.cpp"), "solution"),
      test_compiler_config());
  CompiledLibrary reference =
      compile(entry_request(problem.spec, source_path("problems/cpu/vector-sum/reference.cpp"), "reference"), test_compiler_config());
  std::unique_ptr<Library> sol, ref;
  std::unique_ptr<Backend> backend = make_backend(BackendKind::cpu);
  EvalOptions options;

  // False when either failed to compile.
  bool load() {
    if (!solution.report.ok || !reference.report.ok) return false;
    sol = std::make_unique<Library>(solution.library.string());
    ref = std::make_unique<Library>(reference.library.string());
    options.mode = Mode::benchmark;
    options.stopping.budget_seconds = 0.05;
    return true;
  }
};

}  // namespace

TEST(Evaluator, ATimeBelowThePeakFloorIsFlaggedAsImpossible) {
  // A GPU entry so slow that any real run beats its floor stands in for a cheating timer.
  LoadedSum sum;
  ASSERT_TRUE(sum.load());
  GpuEntry slow;
  slow.name = "slow";
  slow.peak = Rates{1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0};
  Evaluator evaluator(sum.problem.spec, *sum.backend, sum.sol->entry(), sum.ref->entry(), nullptr, slow);
  const auto r = evaluator.run_case(CaseSet::benchmark, 0, sum.options);
  EXPECT_TRUE(r.passed);
  EXPECT_TRUE(r.faster_than_light);
  EXPECT_NE(r.message.find("impossible"), std::string::npos) << r.message;
  ASSERT_TRUE(r.sol_seconds);
  EXPECT_GT(*r.sol_seconds, 1.0);
}

namespace {

// A contestant that does not redraw the input windows the judge asks for before each call, as a
// subverted harness in the contestant's process might: the judge's own checks must catch it.
class NoRedrawContestant final : public Contestant {
 public:
  NoRedrawContestant(Backend& backend, EntryPoint entry) : inner_(backend, entry) {}
  void* allocate(size_t bytes, bool host) override { return inner_.allocate(bytes, host); }
  void release(void* p) override { inner_.release(p); }
  void call(void** args, const CallPreparation& preparation) override { inner_.call(args, without_redraws(preparation)); }
  Sample timed_call(void** args, const CallPreparation& preparation) override {
    return inner_.timed_call(args, without_redraws(preparation));
  }
  void warm_up() override { inner_.warm_up(); }
  std::string clock_description() override { return inner_.clock_description(); }
  std::optional<VerifiedTiming> take_verified_timing() override { return std::nullopt; }

 private:
  static CallPreparation without_redraws(CallPreparation preparation) {
    preparation.redraws.clear();
    return preparation;
  }
  InProcessContestant inner_;
};

}  // namespace

TEST(Evaluator, AContestantThatSkipsTheRedrawsIsCaughtByTheChecks) {
  LoadedSum sum;
  ASSERT_TRUE(sum.load());
  {
    // The same solution, prepared as asked, passes.
    Evaluator honest(sum.problem.spec, *sum.backend, sum.sol->entry(), sum.ref->entry());
    EXPECT_TRUE(honest.run_case(CaseSet::benchmark, 0, sum.options).passed);
  }
  NoRedrawContestant skipping(*sum.backend, sum.sol->entry());
  Evaluator evaluator(sum.problem.spec, *sum.backend, skipping, sum.ref->entry());
  const auto r = evaluator.run_case(CaseSet::benchmark, 0, sum.options);
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.message.find("on timed call "), std::string::npos) << r.message;
  EXPECT_NE(r.message.find("the solution modified its input"), std::string::npos) << r.message;
}

namespace {

// Entry points that wait before calling the loaded ones: a slow reference, a slow solution.
EntryPoint g_reference = nullptr, g_solution = nullptr;
void slow_reference(void** args) {
  std::this_thread::sleep_for(std::chrono::milliseconds(60));
  g_reference(args);
}
void slow_solution(void** args) {
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  g_solution(args);
}

}  // namespace

// A case whose reference or calls are slow costs a bounded multiple of its budget: two input sets
// where making four would take more than half the budget, and three samples where ten calls would
// take more than twice the budget.
TEST(Evaluator, ASlowCaseMakesTwoInputSetsAndStopsAfterThreeSamples) {
  LoadedSum sum;
  ASSERT_TRUE(sum.load());
  g_reference = sum.ref->entry();
  g_solution = sum.sol->entry();
  Evaluator evaluator(sum.problem.spec, *sum.backend, slow_solution, slow_reference);
  // 30 ms calls against a budget of 0.05 s: at the budget, however far from the target error...
  sum.options.stopping.target_rel_std_error = 0;
  auto r = evaluator.run_case(CaseSet::benchmark, 0, sum.options);
  ASSERT_TRUE(r.passed) << r.message;
  ASSERT_TRUE(r.timing);
  EXPECT_EQ(r.timing->input_sets, 2u);
  EXPECT_EQ(r.timing->summary.count, 3u);
  EXPECT_EQ(r.timing->stop, StopReason::budget);
  // ... and converged, where three samples are within it: any three positive samples are within a
  // relative standard error of 1, however a loaded machine stretches the sleeps.
  sum.options.stopping.target_rel_std_error = 1;
  r = evaluator.run_case(CaseSet::benchmark, 0, sum.options);
  ASSERT_TRUE(r.timing);
  EXPECT_EQ(r.timing->summary.count, 3u);
  EXPECT_EQ(r.timing->stop, StopReason::converged);
}
