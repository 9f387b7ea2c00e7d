// The hostile and cheating corpora on a GPU: every entry of tests/corpus/manifest.yaml with
// `gpu: true` gets its verdict, and the honest solution evaluated right after it passes (the GPU is
// usable again). Skips, saying so, where no GPU is usable. Also: honest evaluations sharing the GPU.
#include <cstdio>
#include <numeric>
#include <thread>

#include "corpus.hpp"
#include "runner/gpu_health.hpp"

using namespace podium;
using namespace podium::testing;

namespace {

class GpuCorpus : public ::testing::TestWithParam<CorpusEntry> {};

}  // namespace

TEST_P(GpuCorpus, GetsItsVerdictAndTheNextJobPasses) {
  if (const auto why = probe_backend(BackendKind::cuda))
    GTEST_SKIP() << "no usable CUDA GPU here (" << *why << "): the GPU corpus runs in scripts/gpu-check.sh";
  expect_entry_and_recovery(GetParam());
}

INSTANTIATE_TEST_SUITE_P(Entries, GpuCorpus, ::testing::ValuesIn(corpus_entries(true)), entry_name);

// Evaluations that share the GPU: the judge's poisoning of the outputs (and its copies of the
// inputs) must be finished before the contestant, another process, writes the same memory through
// its IPC mapping; a late poison would read as an honest solution's wrong answer. Four evaluations
// of vector addition's test cases (the largest benchmark shape, 2^28 elements, among them) at once,
// twice over: every one is accepted.
TEST(GpuSharing, HonestSolutionsPassWhileOtherEvaluationsShareTheGpu) {
  if (const auto why = probe_backend(BackendKind::cuda))
    GTEST_SKIP() << "no usable CUDA GPU here (" << *why << "): the GPU corpus runs in scripts/gpu-check.sh";
  const Problem problem = load_problem(source_path("problems/tensara/vector-addition"));
  std::vector<size_t> all_cases(problem.spec.cases(CaseSet::test).size());
  std::iota(all_cases.begin(), all_cases.end(), size_t{0});
  const auto compiler = corpus_compiler(120);
  for (int round = 0; round < 2; ++round) {
    std::vector<EvalReport> reports(4);
    std::vector<std::thread> threads;
    for (auto& report : reports)
      threads.emplace_back([&] {
        EvaluateRequest request;
        request.solution_file = source_path("problems/tensara/vector-addition/solutions/correct/plain.cu");
        request.mode = Mode::test;
        request.only_cases = all_cases;
        request.time_limit_seconds = 120;
        request.echo_output = false;
        try {
          report = evaluate(problem, request, compiler);
        } catch (const std::exception& e) {
          report.verdict = Verdict::internal_error;
          report.message = e.what();
        }
      });
    for (auto& t : threads) t.join();
    for (size_t i = 0; i < reports.size(); ++i)
      EXPECT_EQ(reports[i].verdict, Verdict::accepted) << "round " << round + 1 << ", evaluation " << i + 1 << ": " << reports[i].message;
  }
}

// The worker's GPU health check on a working GPU: healthy at first, and healthy again after a
// submission's illegal address (the Xid it raises is the submission's doing, and the GPU runs the
// probe's kernel), as the worker checks between jobs.
TEST(GpuHealthCheck, AWorkingGpuIsHealthyBeforeAndAfterASubmissionFaultsIt) {
  if (const auto why = probe_backend(BackendKind::cuda))
    GTEST_SKIP() << "no usable CUDA GPU here (" << *why << "): the GPU corpus runs in scripts/gpu-check.sh";
  GpuHealth health;
  const auto before = health.check();
  EXPECT_TRUE(before.empty()) << ::testing::PrintToString(before);
  EXPECT_TRUE(health.nvml_available()) << "NVML (libnvidia-ml.so.1) should come with the driver";
  for (const auto& entry : corpus_entries(true)) {
    if (entry.file != "hostile/illegal-address.cu") continue;
    const EvalReport r = evaluate_as(entry, "tests/corpus/" + entry.file);
    EXPECT_EQ(r.verdict, Verdict::gpu_fault) << r.message;
  }
  health.probe_after_fault();
  const auto after = health.check();
  EXPECT_TRUE(after.empty()) << ::testing::PrintToString(after);
  std::string xids;
  for (const auto x : health.xids_seen()) xids += std::to_string(x) + " ";
  ::testing::Test::RecordProperty("xids", health.xids_watched() ? (xids.empty() ? "none" : xids) : "not watched");
  std::printf("Xid errors seen: %s\n", health.xids_watched() ? (xids.empty() ? "none" : xids.c_str()) : "not watched");
}
