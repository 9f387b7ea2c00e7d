// The podium command as a user runs it: exit codes, the readable report, JSON, and errors for bad input.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

using namespace podium;
using podium::testing::source_path;

namespace {

ProcessResult podium_cmd(std::vector<std::string> args) {
  args.insert(args.begin(), PODIUM_BINARY);
  setenv("PODIUM_CACHE_DIR", podium::testing::test_compiler_config().cache_dir.c_str(), 1);
  return run_process(args, PODIUM_SOURCE_DIR, 300);
}

}  // namespace

TEST(Cli, EvalPassesACorrectCpuSolutionWithExitCodeZero) {
  const auto r = podium_cmd({"eval", "problems/cpu/vector-sum", "problems/cpu/vector-sum/solutions/correct/double-accumulator.cpp"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("verdict: accepted"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("max abs err"), std::string::npos) << r.output;
}

TEST(Cli, EvalFailsAWrongSolutionNamingTheFirstBadElement) {
  const auto r = podium_cmd({"eval", "problems/cpu/vector-sum", "problems/cpu/vector-sum/solutions/wrong/writes-mean.cpp"});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("verdict: wrong_answer"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("output[0] = "), std::string::npos) << r.output;
}

TEST(Cli, EvalJsonFollowsTheSchema) {
  const auto r = podium_cmd({"eval", "problems/cpu/vector-sum", "problems/cpu/vector-sum/solutions/correct/double-accumulator.cpp",
                             "--mode", "benchmark", "--json", "--time-budget", "0.2"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto j = nlohmann::json::parse(r.output);
  EXPECT_EQ(j.at("schema"), "podium.eval/1");
  EXPECT_EQ(j.at("verdict"), "accepted");
  EXPECT_EQ(j.at("mode"), "benchmark");
  EXPECT_GT(j.at("cases").at(0).at("timing").at("summary").at("mean").get<double>(), 0.0);
  EXPECT_GT(j.at("score_seconds").get<double>(), 0.0);
}

TEST(Cli, MalformedProblemNamesTheFileAndTheField) {
  const auto r = podium_cmd({"eval", "tests/data/problems/broken-spec", "tests/data/problems/permutation/template.cpp"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("tests/data/problems/broken-spec/problem.yaml:10: parameters[1].dtype: unknown dtype 'int32'"),
            std::string::npos)
      << r.output;
}

TEST(Cli, MissingSolutionFileIsAClearError) {
  const auto r = podium_cmd({"eval", "problems/cpu/vector-sum", "no/such/file.cpp"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("solution file 'no/such/file.cpp' not found"), std::string::npos) << r.output;
}

TEST(Cli, UnknownModeIsRejected) {
  const auto r = podium_cmd({"eval", "problems/cpu/vector-sum", "problems/cpu/vector-sum/template.cpp", "--mode", "fast"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find("--mode"), std::string::npos) << r.output;
}

TEST(Cli, VerifyRunsEveryExampleSolutionOfTheCpuProblems) {
  const auto r = podium_cmd({"verify", "problems/cpu/vector-sum", "tests/data/problems/permutation", "tests/data/problems/count-value", "tests/data/problems/accumulate"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("verify: all as expected"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("ok   wrong/skips-first.cpp"), std::string::npos) << r.output;
}

TEST(Cli, ProblemShowsTheSignature) {
  const auto r = podium_cmd({"problem", "problems/tensara/vector-addition"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("extern \"C\" void solution(const float* d_input1, const float* d_input2, float* d_output, size_t n)"),
            std::string::npos)
      << r.output;
}

TEST(Cli, SolPrintsTheFloorPerCaseForTheChosenGpu) {
  const auto r = podium_cmd({"sol", "problems/tensara/vector-addition", "--gpu", "H100"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  // 12 * 2^24 bytes, less the 50 MiB of output the H100's L2 holds at the end, at the measured 2.9 TB/s.
  EXPECT_NE(r.output.find("n=16777216"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("51.34 µs"), std::string::npos) << r.output;
  const auto unknown = podium_cmd({"sol", "problems/tensara/vector-addition", "--gpu", "Voodoo5"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.output.find("unknown GPU 'Voodoo5' (known: H100 SXM, H200, A100, L4, B200"), std::string::npos) << unknown.output;
}

// Settling the context is part of timing: asked for an untimed run it is an error; on a CPU problem
// it has nothing to do and the run is as without it.
TEST(Cli, SettleContextNeedsATimedModeAndLeavesACpuRunAlone) {
  const auto untimed = podium_cmd({"eval", "problems/cpu/vector-sum", "problems/cpu/vector-sum/solutions/correct/double-accumulator.cpp",
                                   "--settle-context"});
  EXPECT_EQ(untimed.exit_code, 2) << untimed.output;
  EXPECT_NE(untimed.output.find("--settle-context needs a timed mode"), std::string::npos) << untimed.output;
  const auto cpu = podium_cmd({"eval", "problems/cpu/vector-sum", "problems/cpu/vector-sum/solutions/correct/double-accumulator.cpp",
                               "--mode", "benchmark", "--json", "--time-budget", "0.1", "--settle-context"});
  ASSERT_EQ(cpu.exit_code, 0) << cpu.output;
  const auto j = nlohmann::json::parse(cpu.output);
  EXPECT_EQ(j.at("verdict"), "accepted");
  EXPECT_EQ(j.at("cases").at(0).at("timing").at("clock").get<std::string>().find("context ("), std::string::npos);
}
