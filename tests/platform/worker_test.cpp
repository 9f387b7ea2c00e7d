// The worker's pieces that need no server: which phases a mode runs and where it stops, the progress
// it streams, the problem cache it writes, and what it says this host can run.
#include <gtest/gtest.h>

#include <fstream>

#include "integration/test_support.hpp"
#include "runner/gpu_health.hpp"
#include "runner/worker.hpp"

using namespace podium;
using podium::testing::source_path;
using podium::testing::TempDir;
using podium::testing::test_compiler_config;

namespace fs = std::filesystem;

namespace {

const Problem& accumulate() {
  static const Problem problem = load_problem(source_path("tests/data/problems/accumulate"));
  return problem;
}

std::vector<std::string> phase_names(const std::vector<PhaseRun>& runs) {
  std::vector<std::string> names;
  for (const auto& r : runs) names.emplace_back(mode_name(r.phase));
  return names;
}

}  // namespace

TEST(WorkerPhases, EachModeRunsItsPhasesInOrder) {
  EXPECT_EQ(phases_of_mode("test"), (std::vector<Mode>{Mode::test}));
  EXPECT_EQ(phases_of_mode("benchmark"), (std::vector<Mode>{Mode::test, Mode::benchmark}));
  EXPECT_EQ(phases_of_mode("leaderboard"), (std::vector<Mode>{Mode::test, Mode::benchmark, Mode::ranked}));
  EXPECT_THROW(phases_of_mode("ranked"), std::invalid_argument);
}

TEST(WorkerPhases, ALeaderboardSubmissionThatPassesRunsAllThreePhases) {
  const auto runs = run_phases(accumulate(), source_path("tests/data/problems/accumulate/solutions/correct/adds-into-output.cpp"),
                               "leaderboard", 1234, test_compiler_config());
  EXPECT_EQ(phase_names(runs), (std::vector<std::string>{"test", "benchmark", "ranked"}));
  for (const auto& r : runs) EXPECT_EQ(r.report.verdict, Verdict::accepted) << r.report.message;
  ASSERT_FALSE(runs[2].report.cases.empty());
  EXPECT_TRUE(runs[2].report.score_seconds.has_value());
  // The secret seed changes the ranked inputs: the same case has another seed than in the benchmark.
  EXPECT_NE(runs[2].report.cases[0].seed, runs[1].report.cases[0].seed);
}

TEST(WorkerPhases, AWrongAnswerStopsAfterTheTestPhase) {
  const auto runs = run_phases(accumulate(), source_path("tests/data/problems/accumulate/solutions/wrong/adds-twice.cpp"), "benchmark",
                               std::nullopt, test_compiler_config());
  ASSERT_EQ(phase_names(runs), (std::vector<std::string>{"test"}));
  EXPECT_EQ(runs[0].report.verdict, Verdict::wrong_answer);
}

TEST(WorkerPhases, ACompileErrorIsAReportNotAnException) {
  const auto runs = run_phases(load_problem(source_path("problems/cpu/vector-sum")), source_path("tests/data/solutions/syntax-error.cpp"),
                               "leaderboard", 1, test_compiler_config());
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].report.verdict, Verdict::compile_error);
  EXPECT_NE(runs[0].report.message.find("compile error at line"), std::string::npos) << runs[0].report.message;
}

TEST(WorkerPhases, AnEvaluationThatCannotRunIsAnInternalError) {
  const auto runs = run_phases(accumulate(), "/no/such/solution.cpp", "test", std::nullopt, test_compiler_config());
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].report.verdict, Verdict::internal_error);
  EXPECT_NE(runs[0].report.message.find("/no/such/solution.cpp"), std::string::npos) << runs[0].report.message;
}

TEST(WorkerPhases, ProgressNamesThePhaseAndEveryCase) {
  std::vector<nlohmann::json> events;
  run_phases(accumulate(), source_path("tests/data/problems/accumulate/solutions/correct/adds-into-output.cpp"), "benchmark", std::nullopt,
             test_compiler_config(), [&](const nlohmann::json& e) { events.push_back(e); });
  std::vector<nlohmann::json> done;
  for (const auto& e : events) {
    EXPECT_EQ(e["phases"], 2);
    if (e["event"] == "case_done") done.push_back(e);
  }
  ASSERT_EQ(done.size(), 3u);  // two test cases, one benchmark case
  EXPECT_EQ(done[0]["phase"], "test");
  EXPECT_EQ(done[0]["phase_index"], 1);
  EXPECT_EQ(done[1]["index"], 1);
  EXPECT_EQ(done[1]["of"], 2);
  EXPECT_EQ(done[1]["passed"], true);
  EXPECT_FALSE(done[1].contains("result"));
  EXPECT_EQ(done[2]["phase"], "benchmark");
  EXPECT_EQ(done[2]["phase_index"], 2);
  EXPECT_EQ(done[2]["name"], accumulate().spec.cases(CaseSet::benchmark)[0].name);
  EXPECT_GT(done[2]["mean_seconds"].get<double>(), 0.0);
}

TEST(WorkerPhases, KeepGoingCanStopBetweenPhases) {
  int asked = 0;
  const auto runs = run_phases(accumulate(), source_path("tests/data/problems/accumulate/solutions/correct/adds-into-output.cpp"),
                               "leaderboard", 1, test_compiler_config(), {}, [&] { return ++asked == 1; });
  EXPECT_EQ(phase_names(runs), (std::vector<std::string>{"test"}));
}

TEST(ProblemCache, FilesAreWrittenUnderTheHashAndLoadable) {
  TempDir root;
  nlohmann::json files;
  for (const auto& entry : fs::recursive_directory_iterator(source_path("tests/data/problems/accumulate")))
    if (entry.is_regular_file())
      files[fs::relative(entry.path(), source_path("tests/data/problems/accumulate")).string()] = read_text_file(entry.path());
  const fs::path dir = materialize_problem(root.path(), "00ff", files);
  EXPECT_EQ(dir, root.path() / "00ff");
  EXPECT_EQ(load_problem(dir).spec.slug, accumulate().spec.slug);
  EXPECT_TRUE(fs::exists(dir / "solutions/correct/adds-into-output.cpp"));
  // Nothing but the problem is left behind (no temporary directories).
  EXPECT_EQ(std::distance(fs::directory_iterator(root.path()), fs::directory_iterator()), 1);
}

TEST(ProblemCache, AProblemAlreadyThereIsReusedAsItIs) {
  TempDir root;
  const fs::path first = materialize_problem(root.path(), "abc", {{"problem.yaml", "first"}});
  const fs::path second = materialize_problem(root.path(), "abc", {{"problem.yaml", "second"}});
  EXPECT_EQ(first, second);
  EXPECT_EQ(read_text_file(second / "problem.yaml"), "first");
}

TEST(ProblemCache, NamesThatLeaveTheDirectoryAreRefusedAndNothingIsWritten) {
  TempDir root;
  EXPECT_THROW(materialize_problem(root.path(), "abc", {{"problem.yaml", "x"}, {"../escape.txt", "x"}}), std::invalid_argument);
  EXPECT_THROW(materialize_problem(root.path(), "abd", {{"/etc/passwd-copy", "x"}}), std::invalid_argument);
  EXPECT_THROW(materialize_problem(root.path(), "../up", {{"problem.yaml", "x"}}), std::invalid_argument);
  EXPECT_FALSE(fs::exists(root.path().parent_path() / "escape.txt"));
  EXPECT_EQ(std::distance(fs::directory_iterator(root.path()), fs::directory_iterator()), 0);
}

TEST(WorkerGpus, TheCpuIsAlwaysThereAndLast) {
  const auto gpus = detect_gpus();
  ASSERT_FALSE(gpus.empty());
  EXPECT_EQ(gpus.back(), "cpu");
  EXPECT_LE(gpus.size(), 2u);
}

// ---- GPU health (runner/gpu_health.hpp): what a reading of NVML's signals means -------------------

namespace {

std::vector<std::string> problem_texts(const std::vector<HealthProblem>& problems, bool lasting) {
  std::vector<std::string> texts;
  for (const auto& p : problems)
    if (p.lasting == lasting) texts.push_back(p.what);
  return texts;
}

}  // namespace

TEST(GpuHealthReading, AQuietGpuIsHealthy) {
  HealthReading r;
  r.uncorrected_ecc = 3;
  r.throttle_reasons = 0x1 | 0x4;  // idle, software power cap: policies, not trouble
  EXPECT_TRUE(health_problems(r, 3).empty());
}

TEST(GpuHealthReading, XidsThatSubmissionsCauseAreNotHeldAgainstTheGpu) {
  HealthReading r;
  r.xids = {13, 31, 43, 45};
  EXPECT_TRUE(health_problems(r, std::nullopt).empty());
  r.xids.push_back(79);
  const auto problems = health_problems(r, std::nullopt);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_TRUE(problems[0].lasting);
  EXPECT_NE(problems[0].what.find("Xid error 79"), std::string::npos) << problems[0].what;
}

TEST(GpuHealthReading, NewUncorrectedEccErrorsLast) {
  HealthReading r;
  r.uncorrected_ecc = 5;
  const auto problems = health_problems(r, 3);
  ASSERT_EQ(problem_texts(problems, true).size(), 1u);
  EXPECT_NE(problems[0].what.find("2 new uncorrected ECC"), std::string::npos) << problems[0].what;
  EXPECT_TRUE(health_problems(r, std::nullopt).empty()) << "no count at the start: nothing to compare";
}

TEST(GpuHealthReading, ThrottlingAndAPendingRemapPassButAFailedRemapLasts) {
  HealthReading r;
  r.throttle_reasons = 0x40;
  r.temperature_c = 91;
  r.remap_pending = true;
  auto passing = problem_texts(health_problems(r, std::nullopt), false);
  ASSERT_EQ(passing.size(), 2u);
  EXPECT_NE(passing[1].find("hardware thermal slowdown"), std::string::npos) << passing[1];
  EXPECT_NE(passing[1].find("91"), std::string::npos) << passing[1];
  EXPECT_NE(passing[0].find("reset"), std::string::npos) << passing[0];
  r.remap_failed = true;
  EXPECT_EQ(problem_texts(health_problems(r, std::nullopt), true).size(), 1u);
}
