// Several servers over one PostgreSQL store, as `podium serve --db postgresql://...` replicas run:
// a competitor and a worker that talk to different replicas still meet, because every state the API
// reads (queue, leases, progress, results) lives in the store. The PostgreSQL server is the one ctest
// starts for the store suite (PODIUM_TEST_POSTGRES), or, run by hand, one started for this suite
// (tests/store/postgres_server.hpp).
#include "server_fixture.hpp"
#include "tests/store/postgres_server.hpp"

namespace podium::testing {
namespace {

class ReplicasTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (const char* shared = std::getenv("PODIUM_TEST_POSTGRES")) {
      postgres_ = std::make_unique<PostgresServer>(PostgresServer::attach(shared));
    } else {
      own_dir_ = "/tmp/podium-pg-server-" + std::to_string(getpid());
      postgres_ = std::make_unique<PostgresServer>(PostgresServer::start(own_dir_));
    }
  }
  static void TearDownTestSuite() {
    postgres_.reset();
    if (!own_dir_.empty()) PostgresServer::stop(own_dir_);
  }

  void SetUp() override {
    const std::string uri = postgres_->fresh_schema_uri();
    first_store_ = open_store(uri);
    second_store_ = open_store(uri);
    copy_problem("cpu/vector-sum", dir_.path() / "problems");
    ASSERT_TRUE(import_problems(*first_store_, dir_.path() / "problems", system_now()).errors.empty());
    for (const auto& [name, role] : std::map<std::string, UserRole>{{"alice", UserRole::competitor}, {"worker", UserRole::worker}}) {
      const auto t = generate_token();
      first_store_->add_token(first_store_->add_user(name, role, system_now()).id, t.hash, t.prefix, "test", system_now());
      tokens_[name] = t.token;
    }
    ServerOptions options;
    options.event_poll_ms = 20;
    first_ = std::make_unique<RunningServer>(*first_store_, options);
    second_ = std::make_unique<RunningServer>(*second_store_, options);
  }

  void TearDown() override {
    first_.reset();
    second_.reset();
  }

  static inline std::string own_dir_;
  static inline std::unique_ptr<PostgresServer> postgres_;
  TempDir dir_;
  std::unique_ptr<Store> first_store_, second_store_;
  std::unique_ptr<RunningServer> first_, second_;
  std::map<std::string, std::string> tokens_;
};

TEST_F(ReplicasTest, AWatcherOnOneReplicaFollowsAJobRunThroughAnother) {
  const auto submitted = first_->post("/api/v1/submissions", {{"problem", "cpu/vector-sum"}, {"code", "int x;"}, {"mode", "leaderboard"}},
                                      tokens_["alice"]);
  ASSERT_EQ(submitted.status, 201) << submitted.text;
  const auto id = submitted.body["submission"]["id"].get<int64_t>();
  EventWatcher watcher(*first_, "/api/v1/submissions/" + std::to_string(id) + "/events", tokens_["alice"]);
  ASSERT_TRUE(watcher.wait_for("\"status\":\"queued\""));

  const auto leased = second_->post("/api/v1/worker/lease", {{"worker", "w"}, {"gpus", {"cpu"}}}, tokens_["worker"]);
  ASSERT_EQ(leased.status, 200) << leased.text;
  const auto lease = leased.body.get<Lease>();
  ASSERT_TRUE(watcher.wait_for("\"status\":\"running\""));
  const auto job = "/api/v1/worker/jobs/" + std::to_string(lease.job_id);
  ASSERT_EQ(second_->post(job + "/progress", {{"lease_id", lease.lease_id}, {"event", {{"event", "case_start"}, {"phase", "ranked"}}}},
                          tokens_["worker"])
                .status,
            200);
  ASSERT_TRUE(watcher.wait_for("case_start"));
  ASSERT_EQ(second_->post(job + "/result", JobResultPost{lease.lease_id, leaderboard_runs({1e-3})}, tokens_["worker"]).status, 200);
  watcher.finish();
  EXPECT_EQ(watcher.events().back().first, "done") << watcher.text();

  const auto board = first_->get("/api/v1/problems/cpu/vector-sum/leaderboard").body.get<Leaderboard>();
  ASSERT_EQ(board.entries.size(), 1u);
  EXPECT_EQ(board.entries[0].submission, id);
  EXPECT_EQ(first_->get("/api/v1/health").body["engine"], "postgresql");
}

TEST_F(ReplicasTest, AResultPostedTwiceThroughTwoReplicasIsRecordedOnce) {
  const auto submitted = first_->post("/api/v1/submissions", {{"problem", "cpu/vector-sum"}, {"code", "int x;"}, {"mode", "test"}},
                                      tokens_["alice"]);
  ASSERT_EQ(submitted.status, 201);
  const auto lease = first_->post("/api/v1/worker/lease", {{"worker", "w"}, {"gpus", {"cpu"}}}, tokens_["worker"]).body.get<Lease>();
  const auto path = "/api/v1/worker/jobs/" + std::to_string(lease.job_id) + "/result";
  const JobResultPost result{lease.lease_id, {{"test", report("test", Verdict::accepted)}}};
  const int a = first_->post(path, result, tokens_["worker"]).status;
  const int b = second_->post(path, result, tokens_["worker"]).status;
  EXPECT_EQ(std::min(a, b), 200);
  EXPECT_EQ(std::max(a, b), 409);
  EXPECT_EQ(second_store_->runs_for_submission(submitted.body["submission"]["id"]).size(), 1u);
}

}  // namespace
}  // namespace podium::testing
