// The platform end to end, as its users run it: podium serve with a SQLite store, podium worker
// processes, and the podium client commands, all real processes over real HTTP. Then the promises of
// issue 5 under failure: a worker killed mid-job, a server killed with jobs queued (every job completes
// exactly once), and fair scheduling between users.
//
// The problem is mostly cpu/matmul in --mode test (about a second a job); tests/data/solutions/sleeps.cpp
// is a correct matmul that sleeps in every call, so that "while a job runs" is a matter of seconds.
#include <gtest/gtest.h>

#include "platform_support.hpp"

using namespace podium;
using namespace podium::platform_testing;

namespace {

constexpr const char* kCorrect = "problems/cpu/matmul/solutions/correct/baseline.cpp";
constexpr const char* kWrong = "problems/cpu/matmul/solutions/wrong/k-off-by-one.cpp";
constexpr const char* kSlow = "tests/data/solutions/sleeps.cpp";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class PlatformTest : public ::testing::Test {
 protected:
  Platform platform{{{"problems/cpu/matmul", "cpu/matmul"}, {"tests/data/problems/accumulate", "test/accumulate"}}};
};

}  // namespace

TEST_F(PlatformTest, SubmitShowsProgressAndTheVerdictOfACorrectSolution) {
  platform.start_worker("w1");
  platform.start_worker("w2");
  // A copy of its own, so that the compile is never served from the cache the tests share: a cached
  // compile can pass before the stream is read, and the compile step is what is looked for.
  const fs::path solution = platform.dir() / "baseline.cpp";
  write_file_atomically(solution, read_text_file(source_path(kCorrect)) + "// " + platform.dir().string() + "\n");
  const auto r = platform.submit(platform.alice(), solution.string(), "cpu/matmul", "test");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  // Not a terminal: one plain line per step. (The server sends the latest progress when the stream
  // is read, so a fast case may pass unseen; the last one is always seen.)
  EXPECT_TRUE(contains(r.output, "test: compiling the ")) << r.output;
  EXPECT_TRUE(contains(r.output, "test case 5/5 m=512 n=512 k=512: pass")) << r.output;
  EXPECT_TRUE(contains(r.output, "verdict: accepted")) << r.output;
  EXPECT_TRUE(contains(r.output, ": accepted")) << r.output;
}

TEST_F(PlatformTest, AWrongSolutionIsRejectedWithItsFirstMismatch) {
  platform.start_worker("w1");
  const auto r = platform.submit(platform.alice(), kWrong, "cpu/matmul", "test");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_TRUE(contains(r.output, "test case 1/5 m=1 n=1 k=1: FAIL")) << r.output;
  EXPECT_TRUE(contains(r.output, "verdict: wrong_answer")) << r.output;
  EXPECT_TRUE(contains(r.output, "first mismatches in c")) << r.output;
  EXPECT_TRUE(contains(r.output, "c[0][0] = 0, expected")) << r.output;
}

TEST_F(PlatformTest, APassingLeaderboardSubmissionLandsOnTheLeaderboard) {
  // A problem with one small benchmark case: a leaderboard submission times it twice (benchmark, ranked).
  platform.start_worker("w1");
  const auto r = platform.submit(platform.alice(), "tests/data/problems/accumulate/solutions/correct/adds-into-output.cpp",
                                 "test/accumulate", "leaderboard");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(contains(r.output, "ranked case 1/1 n=100000: pass, ")) << r.output;
  for (const char* phase : {"── test ──", "── benchmark ──", "── ranked ──"}) EXPECT_TRUE(contains(r.output, phase)) << r.output;
  EXPECT_TRUE(contains(r.output, "on the leaderboard")) << r.output;

  const auto board = platform.podium({"leaderboard", "test/accumulate", "--server", platform.url()});
  EXPECT_EQ(board.exit_code, 0) << board.output;
  EXPECT_TRUE(contains(board.output, "alice")) << board.output;
  const auto json = platform.podium({"leaderboard", "test/accumulate", "--server", platform.url(), "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.output;
  const auto entries = nlohmann::json::parse(json.output).at("entries");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0]["user"], "alice");
  EXPECT_EQ(entries[0]["rank"], 1);
}

TEST_F(PlatformTest, LoginHistoryShowProblemsAndTemplate) {
  const auto login = platform.podium({"login", "--server", platform.url(), "--token", platform.alice()});
  ASSERT_EQ(login.exit_code, 0) << login.output;
  EXPECT_TRUE(contains(login.output, "as alice (competitor)")) << login.output;

  // From here on the saved login says where and who.
  platform.start_worker("w1");
  const auto submitted = platform.podium({"submit", kCorrect, "--problem", "cpu/matmul", "--mode", "test", "--note", "blocked by 128"});
  ASSERT_EQ(submitted.exit_code, 0) << submitted.output;

  const auto history = platform.podium({"history"});
  EXPECT_EQ(history.exit_code, 0) << history.output;
  EXPECT_TRUE(contains(history.output, "cpu/matmul")) << history.output;
  EXPECT_TRUE(contains(history.output, "accepted")) << history.output;
  EXPECT_TRUE(contains(history.output, "blocked by 128")) << history.output;
  const auto listed = platform.podium({"history", "--problem", "cpu/matmul", "--json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.output;
  const auto list = nlohmann::json::parse(listed.output);
  ASSERT_EQ(list.size(), 1u);
  const int64_t id = list[0].at("id").get<int64_t>();

  const auto show = platform.podium({"show", std::to_string(id), "--code"});
  EXPECT_EQ(show.exit_code, 0) << show.output;
  EXPECT_TRUE(contains(show.output, "compile: ")) << show.output;
  EXPECT_TRUE(contains(show.output, "m=33 n=17 k=65")) << show.output;
  EXPECT_TRUE(contains(show.output, "cache blocking plus the i-p-j loop order")) << show.output;

  const auto problems = platform.podium({"problems"});
  EXPECT_EQ(problems.exit_code, 0) << problems.output;
  EXPECT_TRUE(contains(problems.output, "cpu/matmul")) << problems.output;

  const auto file = platform.dir() / "mine.cpp";
  const auto written = platform.podium({"template", "cpu/matmul", "-o", file.string()});
  EXPECT_EQ(written.exit_code, 0) << written.output;
  EXPECT_EQ(read_text_file(file), read_text_file(source_path("problems/cpu/matmul/template.cpp")));
}

TEST_F(PlatformTest, ErrorsSayWhatTheServerSaidOrThatThereIsNoServer) {
  const auto unknown = platform.submit(platform.alice(), kCorrect, "cpu/no-such-problem", "test");
  EXPECT_EQ(unknown.exit_code, 2) << unknown.output;
  EXPECT_TRUE(contains(unknown.output, "error: ")) << unknown.output;
  EXPECT_TRUE(contains(unknown.output, "(HTTP 404)")) << unknown.output;

  const auto bad_token = platform.submit("pdm_not-a-token", kCorrect, "cpu/matmul", "test");
  EXPECT_EQ(bad_token.exit_code, 2) << bad_token.output;
  EXPECT_TRUE(contains(bad_token.output, "(HTTP 401)")) << bad_token.output;

  const std::string nowhere = "http://127.0.0.1:" + std::to_string(free_port());
  const auto unreachable = platform.podium({"problems", "--server", nowhere});
  EXPECT_EQ(unreachable.exit_code, 2) << unreachable.output;
  EXPECT_TRUE(contains(unreachable.output, "error: cannot reach the server at " + nowhere + ": could not connect; is `podium serve` running?"))
      << unreachable.output;
}

TEST_F(PlatformTest, AJobWhoseWorkerIsKilledMidJobCompletesOnAnotherExactlyOnce) {
  auto& doomed = platform.start_worker("doomed");
  const int64_t id = platform.enqueue(platform.alice(), kSlow, "cpu/matmul", "test");
  ASSERT_TRUE(eventually([&] { return platform.status_of(platform.alice(), id) == "running"; }, 30s)) << doomed.log();
  std::this_thread::sleep_for(500ms);  // into the evaluation
  doomed.kill9();

  auto& rescuer = platform.start_worker("rescuer");
  ASSERT_TRUE(eventually([&] { return platform.finished(platform.alice(), id); }, 60s)) << rescuer.log() << platform.server_log();
  const auto page = platform.submission(platform.alice(), id);
  EXPECT_EQ(page["submission"]["verdict"], "accepted") << page.dump(2);
  EXPECT_EQ(page["runs"].size(), 1u) << page.dump(2);
  // The worker logs the job after it has posted the result, so the line can follow the verdict.
  EXPECT_TRUE(eventually([&] { return contains(rescuer.log(), "attempt 2"); }, 10s)) << rescuer.log();
}

TEST_F(PlatformTest, AWorkerThatLostItsLeasePostsNothingAndTheJobIsRecordedOnce) {
  auto& sleeper = platform.start_worker("sleeper");
  const int64_t id = platform.enqueue(platform.alice(), kSlow, "cpu/matmul", "test");
  ASSERT_TRUE(eventually([&] { return platform.status_of(platform.alice(), id) == "running"; }, 30s)) << sleeper.log();
  // Stopped past its 3 s lease: no heartbeats, so the job goes to another worker.
  sleeper.signal(SIGSTOP);
  auto& rescuer = platform.start_worker("rescuer");
  ASSERT_TRUE(eventually([&] { return contains(rescuer.log(), "attempt 2"); }, 30s)) << rescuer.log();
  sleeper.signal(SIGCONT);

  ASSERT_TRUE(eventually([&] { return contains(sleeper.log(), "(not posted)"); }, 30s)) << sleeper.log();
  EXPECT_TRUE(contains(sleeper.log(), "abandoning it")) << sleeper.log();
  ASSERT_TRUE(eventually([&] { return platform.finished(platform.alice(), id); }, 30s));
  const auto page = platform.submission(platform.alice(), id);
  EXPECT_EQ(page["submission"]["verdict"], "accepted") << page.dump(2);
  EXPECT_EQ(page["runs"].size(), 1u) << page.dump(2);
}

TEST_F(PlatformTest, AServerKilledWithJobsQueuedResumesAndEveryJobCompletesExactlyOnce) {
  struct Expected {
    std::string owner;
    int64_t id;
    size_t runs;
  };
  std::vector<Expected> jobs;
  const auto expect = [&](const std::string& owner, const char* file, const std::string& mode, size_t runs) {
    jobs.push_back({owner, platform.enqueue(owner, file, "cpu/matmul", mode), runs});
  };
  expect(platform.alice(), kSlow, "test", 1);
  for (int i = 0; i < 3; ++i) expect(platform.bob(), kCorrect, "test", 1);
  expect(platform.alice(), kCorrect, "benchmark", 2);
  expect(platform.bob(), kSlow, "test", 1);
  platform.start_worker("w1");
  platform.start_worker("w2");
  ASSERT_TRUE(eventually([&] { return platform.status_of(platform.alice(), jobs[0].id) == "running"; }, 30s));

  platform.kill_server();
  std::this_thread::sleep_for(1s);
  platform.start_server();

  for (const auto& job : jobs) {
    ASSERT_TRUE(eventually([&] { return platform.finished(job.owner, job.id); }, 90s)) << "submission " << job.id << "\n" << platform.server_log();
    const auto page = platform.submission(job.owner, job.id);
    EXPECT_EQ(page["submission"]["verdict"], "accepted") << page.dump(2);
    EXPECT_EQ(page["runs"].size(), job.runs) << page.dump(2);
  }
}

TEST_F(PlatformTest, OneUsersLongQueueDelaysAnotherUsersJobByOneJobAtMost) {
  std::vector<int64_t> alices;
  for (int i = 0; i < 4; ++i) alices.push_back(platform.enqueue(platform.alice(), kSlow, "cpu/matmul", "test"));
  const int64_t bobs = platform.enqueue(platform.bob(), kCorrect, "cpu/matmul", "test");
  platform.start_worker("only");

  ASSERT_TRUE(eventually([&] { return platform.finished(platform.bob(), bobs); }, 60s));
  int alices_done = 0;
  for (const int64_t id : alices) alices_done += platform.finished(platform.alice(), id);
  EXPECT_LE(alices_done, 1);
}

// A worker whose GPU cannot run a kernel (here: CUDA shown no device) keeps the GPU out of service:
// it takes no job for it, says why in its log and to the server (GET /health), and goes on judging
// CPU jobs.
TEST(PlatformGpuHealth, AWorkerWhoseGpuCannotRunAKernelTakesNoJobForItAndServesTheCpu) {
  Platform platform{{{"problems/cpu/matmul", "cpu/matmul"}, {"problems/tensara/vector-addition", "tensara/vector-addition"}}};
  const auto gpu_job = platform.submit(platform.alice(), "problems/tensara/vector-addition/solutions/correct/plain.cu",
                                       "tensara/vector-addition", "test", {"--no-wait", "--json", "--gpu", "H100"});
  ASSERT_EQ(gpu_job.exit_code, 0) << gpu_job.output;
  const int64_t gpu_id = nlohmann::json::parse(gpu_job.output).at("submission").at("id").get<int64_t>();
  const int64_t cpu_id = platform.enqueue(platform.alice(), kCorrect, "cpu/matmul", "test");
  auto& worker = platform.start_worker("sick", {"H100", "cpu"}, {{"CUDA_VISIBLE_DEVICES", "-1"}});

  ASSERT_TRUE(eventually([&] { return platform.finished(platform.alice(), cpu_id); }, 90s)) << worker.log();
  EXPECT_EQ(platform.submission(platform.alice(), cpu_id).at("submission").at("verdict"), "accepted");
  EXPECT_EQ(platform.status_of(platform.alice(), gpu_id), "queued") << worker.log();
  EXPECT_TRUE(contains(worker.log(), "GPU H100 is out of service")) << worker.log();
  EXPECT_TRUE(contains(worker.log(), "a test kernel did not run")) << worker.log();

  const auto health = HttpClient(platform.url(), "").get_json("/api/v1/health");
  bool listed = false;
  for (const auto& w : health.at("workers")) {
    if (w.at("name") != "sick") continue;
    listed = true;
    EXPECT_EQ(w.at("gpus"), nlohmann::json::array({"cpu"})) << w.dump();
    ASSERT_TRUE(w.at("unhealthy").contains("H100")) << w.dump();
    EXPECT_TRUE(contains(w.at("unhealthy").at("H100").get<std::string>(), "a test kernel did not run")) << w.dump();
  }
  EXPECT_TRUE(listed) << health.dump();
}
