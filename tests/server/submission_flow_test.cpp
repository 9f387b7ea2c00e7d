// A submission's life, with the test as the worker: submit, lease, heartbeat, progress, result, and
// the leaderboard that follows from the reports; lost leases, exactly-once results, the live stream.
#include "server_fixture.hpp"

namespace podium::testing {
namespace {

using FlowTest = ServerTest;

std::string job_path(int64_t job, const std::string& what) { return "/api/v1/worker/jobs/" + std::to_string(job) + "/" + what; }

TEST_F(FlowTest, ALeaderboardSubmissionGoesFromQueueToLeaderboard) {
  const auto id = submit_ok("alice", "leaderboard");
  const auto l = lease();
  ASSERT_EQ(l.status, 200) << l.text;
  const auto leased = l.body.get<Lease>();
  EXPECT_EQ(leased.submission_id, id);
  EXPECT_EQ(leased.mode, "leaderboard");
  EXPECT_EQ(leased.attempt, 1);
  EXPECT_EQ(leased.code, solution_code());
  EXPECT_EQ(leased.problem_slug, kCpuProblem);
  EXPECT_TRUE(leased.problem_files.count("problem.yaml"));
  EXPECT_TRUE(leased.problem_files.count("reference.cpp"));
  for (const auto& [name, text] : leased.problem_files) EXPECT_FALSE(name.starts_with("solutions/")) << name;
  ASSERT_TRUE(leased.secret_seed.has_value()) << "a leaderboard job carries the secret seed";
  EXPECT_EQ(*leased.secret_seed, store().find_problem(kCpuProblem)->secret_seed);
  EXPECT_EQ(get("/api/v1/submissions/" + std::to_string(id), token("alice")).body["submission"]["status"], "running");

  EXPECT_EQ(post(job_path(leased.job_id, "heartbeat"), {{"lease_id", leased.lease_id}}, token("worker")).status, 200);
  EXPECT_EQ(post(job_path(leased.job_id, "progress"), {{"lease_id", leased.lease_id}, {"event", {{"event", "case_done"}}}}, token("worker")).status,
            200);
  const auto done = post_result(leased.job_id, leased.lease_id, leaderboard_runs({1e-3, 4e-3}, {5e-4, 1e-3}));
  ASSERT_EQ(done.status, 200) << done.text;

  const auto s = done.body["submission"].get<Submission>();
  EXPECT_EQ(s.status, "done");
  EXPECT_EQ(s.verdict, "accepted");
  EXPECT_TRUE(s.counts);
  ASSERT_TRUE(s.score_seconds);
  EXPECT_NEAR(*s.score_seconds, 2e-3, 1e-12) << "the ranked phase's score: geomean of 1 ms and 4 ms";
  ASSERT_TRUE(s.sol_fraction);
  EXPECT_NEAR(*s.sol_fraction, std::sqrt(0.5 * 0.25), 1e-12) << "geomean of sol/mean per case";

  const auto page = get("/api/v1/submissions/" + std::to_string(id), token("alice")).body.get<SubmissionPage>();
  ASSERT_EQ(page.runs.size(), 3u);
  EXPECT_EQ(page.runs[2].phase, "ranked");
  for (const auto& c : json::parse(page.runs[2].report_json)["cases"]) EXPECT_EQ(c["seed"], 0) << "ranked seeds stay hidden";
  const auto staff_view = get("/api/v1/submissions/" + std::to_string(id), token("admin")).body.get<SubmissionPage>();
  EXPECT_EQ(json::parse(staff_view.runs[2].report_json)["cases"][0]["seed"], 12345);

  const auto board = get("/api/v1/problems/cpu/vector-sum/leaderboard").body.get<Leaderboard>();
  EXPECT_EQ(board.gpu, "cpu");
  EXPECT_EQ(board.ranking, "geomean");
  ASSERT_EQ(board.entries.size(), 1u);
  const auto& e = board.entries[0];
  EXPECT_EQ(e.rank, 1);
  EXPECT_EQ(e.user, "alice");
  EXPECT_EQ(e.submission, id);
  EXPECT_NEAR(e.score_seconds, 2e-3, 1e-12);
  ASSERT_EQ(e.cases.size(), 2u);
  EXPECT_DOUBLE_EQ(e.cases[1].mean_seconds, 4e-3);
  EXPECT_EQ(e.cases[1].sol_seconds, 1e-3);
  EXPECT_EQ(get("/api/v1/problems", "").body[0]["competitors"], 1);
}

TEST_F(FlowTest, TestAndBenchmarkJobsCarryNoSecretSeed) {
  submit_ok("alice", "test");
  submit_ok("alice", "benchmark");
  for (int i = 0; i < 2; ++i) {
    const auto l = lease();
    ASSERT_EQ(l.status, 200);
    EXPECT_FALSE(l.body.contains("secret_seed")) << l.body["submission"]["mode"];
  }
}

TEST_F(FlowTest, NothingToLeaseIsNoContent) {
  EXPECT_EQ(lease().status, 204);
  submit_ok("alice", "test", kCudaProblem);
  EXPECT_EQ(lease({"cpu"}).status, 204) << "an H100 job is not for a CPU-only worker";
  EXPECT_EQ(lease({"H100", "cpu"}).status, 200);
  const auto health = get("/api/v1/health");
  ASSERT_EQ(health.body["workers"].size(), 1u);
  EXPECT_EQ(health.body["workers"][0]["name"], "test-worker");
}

TEST_F(FlowTest, TheLeaderboardRanksEachUsersBestScoreAndBreaksTiesByTheEarlierSubmission) {
  const auto alice_slow = submit_ok("alice", "leaderboard");
  ASSERT_EQ(run_job(alice_slow, leaderboard_runs({4e-3})).status, 200);
  const auto bob = submit_ok("bob", "leaderboard");
  ASSERT_EQ(run_job(bob, leaderboard_runs({2e-3})).status, 200);
  const auto olga = submit_ok("olga", "leaderboard");
  ASSERT_EQ(run_job(olga, leaderboard_runs({2e-3})).status, 200);
  const auto alice_fast = submit_ok("alice", "leaderboard");
  ASSERT_EQ(run_job(alice_fast, leaderboard_runs({1e-3})).status, 200);

  const auto board = get("/api/v1/problems/cpu/vector-sum/leaderboard").body.get<Leaderboard>();
  ASSERT_EQ(board.entries.size(), 3u) << "one entry per user";
  EXPECT_EQ(board.entries[0].user, "alice");
  EXPECT_EQ(board.entries[0].submission, alice_fast);
  EXPECT_EQ(board.entries[1].user, "bob") << "bob and olga tie; bob submitted first";
  EXPECT_EQ(board.entries[2].user, "olga");
  EXPECT_EQ(board.entries[2].rank, 3);
  EXPECT_EQ(get("/api/v1/problems/cpu/vector-sum/leaderboard?limit=1").body["entries"].size(), 1u);

  ASSERT_EQ(post("/api/v1/submissions/" + std::to_string(alice_fast) + "/disqualify", {{"disqualified", true}}, token("admin")).status, 200);
  const auto after = get("/api/v1/problems/cpu/vector-sum/leaderboard").body.get<Leaderboard>();
  EXPECT_EQ(after.entries[0].user, "bob");
  EXPECT_EQ(after.entries[2].submission, alice_slow) << "alice's next best takes her place";
  EXPECT_EQ(post("/api/v1/submissions/" + std::to_string(bob) + "/disqualify", {{"disqualified", true}}, token("olga")).code(), "forbidden");
}

TEST_F(FlowTest, TheFirstPhaseThatFailsDecidesTheVerdictAndKeepsTheSubmissionOffTheBoard) {
  const auto id = submit_ok("alice", "leaderboard");
  const auto r = run_job(id, {{"test", report("test", Verdict::accepted)}, {"benchmark", report("benchmark", Verdict::wrong_answer, {1e-3})}});
  ASSERT_EQ(r.status, 200) << r.text;
  const auto s = r.body["submission"].get<Submission>();
  EXPECT_EQ(s.verdict, "wrong_answer");
  EXPECT_NE(s.message.find("benchmark: output[3]"), std::string::npos) << s.message;
  EXPECT_FALSE(s.counts);
  EXPECT_FALSE(s.score_seconds);
  EXPECT_TRUE(get("/api/v1/problems/cpu/vector-sum/leaderboard").body["entries"].empty());
}

TEST_F(FlowTest, BenchmarkSubmissionsAreScoredButNeverRanked) {
  const auto id = submit_ok("alice", "benchmark");
  const auto r = run_job(id, {{"test", report("test", Verdict::accepted)}, {"benchmark", report("benchmark", Verdict::accepted, {3e-3})}});
  ASSERT_EQ(r.status, 200) << r.text;
  const auto s = r.body["submission"].get<Submission>();
  EXPECT_EQ(s.verdict, "accepted");
  EXPECT_NEAR(s.score_seconds.value_or(0), 3e-3, 1e-12);
  EXPECT_FALSE(s.counts);
  EXPECT_TRUE(get("/api/v1/problems/cpu/vector-sum/leaderboard").body["entries"].empty());
}

TEST_F(FlowTest, PhasesThatDoNotFitTheModeAreABadRequest) {
  const auto id = submit_ok("alice", "test");
  const auto r = run_job(id, {{"ranked", report("ranked", Verdict::accepted, {1e-3})}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.message().find("'ranked'"), std::string::npos) << r.message();
  const auto not_a_report = post(job_path(1, "result"), {{"lease_id", "x"}, {"runs", {{{"phase", "test"}, {"report", {{"schema", "other/1"}}}}}}},
                                 token("worker"));
  EXPECT_EQ(not_a_report.code(), "bad_request");
  EXPECT_NE(not_a_report.message().find("podium.eval/1"), std::string::npos) << not_a_report.message();
}

TEST_F(FlowTest, AResultIsRecordedExactlyOnce) {
  const auto id = submit_ok("alice", "leaderboard");
  const auto leased = lease().body.get<Lease>();
  ASSERT_EQ(post_result(leased.job_id, leased.lease_id, leaderboard_runs({1e-3})).status, 200);
  const auto again = post_result(leased.job_id, leased.lease_id, leaderboard_runs({5e-4}));
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.code(), "conflict");
  const auto page = get("/api/v1/submissions/" + std::to_string(id), token("alice")).body.get<SubmissionPage>();
  EXPECT_EQ(page.runs.size(), 3u);
  EXPECT_NEAR(page.submission.score_seconds.value_or(0), 1e-3, 1e-12);
  EXPECT_EQ(post(job_path(leased.job_id, "heartbeat"), {{"lease_id", leased.lease_id}}, token("worker")).status, 409);
}

TEST_F(FlowTest, AnExpiredLeaseIsLostAndTheJobIsLeasedAgain) {
  const auto id = submit_ok("alice", "test");
  const auto first = lease().body.get<Lease>();
  expire_lease(first.job_id);
  EXPECT_EQ(get("/api/v1/submissions/" + std::to_string(id), token("alice")).body["submission"]["status"], "queued");

  EXPECT_EQ(post(job_path(first.job_id, "heartbeat"), {{"lease_id", first.lease_id}}, token("worker")).code(), "conflict");
  EXPECT_EQ(post(job_path(first.job_id, "progress"), {{"lease_id", first.lease_id}, {"event", json::object()}}, token("worker")).status, 409);
  const auto second = lease().body.get<Lease>();
  EXPECT_EQ(second.job_id, first.job_id);
  EXPECT_EQ(second.attempt, 2);
  EXPECT_NE(second.lease_id, first.lease_id);
  EXPECT_EQ(post_result(first.job_id, first.lease_id, {{"test", report("test", Verdict::accepted)}}).status, 409)
      << "the first worker's result is refused";
  EXPECT_EQ(post_result(second.job_id, second.lease_id, {{"test", report("test", Verdict::accepted)}}).status, 200);
}

TEST_F(FlowTest, AJobWhoseLeaseExpiresThreeTimesFailsAsAnInternalError) {
  const auto id = submit_ok("alice", "test");
  for (int attempt = 1; attempt <= 3; ++attempt) {
    const auto l = lease();
    ASSERT_EQ(l.status, 200) << "attempt " << attempt;
    expire_lease(l.body["job"]["id"]);
  }
  const auto s = get("/api/v1/submissions/" + std::to_string(id), token("alice")).body["submission"].get<Submission>();
  EXPECT_EQ(s.status, "failed");
  EXPECT_EQ(s.verdict, "internal_error");
  EXPECT_EQ(lease().status, 204);
}

TEST_F(FlowTest, AnAdminRerunQueuesTheSubmissionAgain) {
  const auto id = submit_ok("alice", "test");
  ASSERT_EQ(run_job(id, {{"test", report("test", Verdict::wrong_answer)}}).status, 200);
  EXPECT_EQ(post("/api/v1/submissions/" + std::to_string(id) + "/rerun", json::object(), token("alice")).code(), "forbidden");
  const auto r = post("/api/v1/submissions/" + std::to_string(id) + "/rerun", json::object(), token("admin"));
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(r.body["submission"]["status"], "queued");
  const auto again = run_job(id, {{"test", report("test", Verdict::accepted)}});
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.body["submission"]["verdict"], "accepted");
}

TEST_F(FlowTest, TheEventStreamDeliversStatusProgressAndDone) {
  submit_ok("bob", "test");  // ahead in the queue
  const auto id = submit_ok("alice", "test");
  EventWatcher watcher(server(), "/api/v1/submissions/" + std::to_string(id) + "/events", token("alice"));
  ASSERT_TRUE(watcher.wait_for("\"queue_position\":1"));
  ASSERT_EQ(lease().status, 200);
  ASSERT_TRUE(watcher.wait_for("\"queue_position\":0")) << "bob's job left the queue";
  const auto alices = lease().body.get<Lease>();
  ASSERT_EQ(alices.submission_id, id);
  ASSERT_TRUE(watcher.wait_for("\"status\":\"running\""));
  ASSERT_EQ(post(job_path(alices.job_id, "progress"),
                 {{"lease_id", alices.lease_id}, {"event", {{"event", "case_done"}, {"phase", "test"}, {"index", 0}, {"of", 4}}}}, token("worker"))
                .status,
            200);
  ASSERT_TRUE(watcher.wait_for("case_done"));
  ASSERT_EQ(post_result(alices.job_id, alices.lease_id, {{"test", report("test", Verdict::accepted)}}).status, 200);
  watcher.finish();  // the stream ends after `done`

  const auto events = watcher.events();
  ASSERT_GE(events.size(), 5u) << watcher.text();
  EXPECT_EQ(events.front().first, "status");
  EXPECT_EQ(events.front().second["status"], "queued");
  const auto progress = std::find_if(events.begin(), events.end(), [](const auto& e) { return e.first == "progress"; });
  ASSERT_NE(progress, events.end());
  EXPECT_EQ(progress->second["of"], 4);
  EXPECT_EQ(events.back().first, "done");
  EXPECT_EQ(events.back().second["submission"]["verdict"], "accepted");
  EXPECT_LT(progress - events.begin(), static_cast<long>(events.size()) - 1) << "progress comes before done";
}

TEST_F(FlowTest, AStreamOfAFinishedSubmissionSaysDoneAtOnce) {
  const auto id = submit_ok("alice", "test");
  ASSERT_EQ(run_job(id, {{"test", report("test", Verdict::accepted)}}).status, 200);
  EventWatcher watcher(server(), "/api/v1/submissions/" + std::to_string(id) + "/events", token("alice"));
  watcher.finish();
  const auto events = watcher.events();
  ASSERT_EQ(events.size(), 2u) << watcher.text();
  EXPECT_EQ(events[0].second["status"], "done");
  EXPECT_EQ(events[1].first, "done");
}

}  // namespace
}  // namespace podium::testing
