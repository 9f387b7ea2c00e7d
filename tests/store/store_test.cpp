// The store's conformance suite: every test runs against both engines, SQLite (a fresh file) and
// PostgreSQL (a fresh schema of a real server; see main.cpp for where the server comes from). What
// store.hpp promises, each engine must do, the same way.
#include "store/store.hpp"

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "store/migrations.hpp"
#include "tests/store/store_test_env.hpp"

using namespace podium;

namespace {

enum class Engine { sqlite, postgresql };

class StoreTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    if (GetParam() == Engine::sqlite) {
      char dir[] = "/tmp/podium-store-XXXXXX";
      ASSERT_TRUE(mkdtemp(dir)) << "mkdtemp: " << strerror(errno);
      dir_ = dir;
      location_ = "sqlite:" + (dir_ / "podium.db").string();
    } else {
      const auto uri = testing_env::postgres_uri();
      if (!uri.ok) FAIL() << uri.error;
      location_ = uri.uri;
    }
    store_ = open_store(location_);
  }

  void TearDown() override {
    store_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  Store& store() { return *store_; }

  // SQL run behind the store's back, through the engine's own library: for the tests that need a
  // database in a state the interface never leaves it in.
  void run_sql(const std::string& script) {
    if (GetParam() == Engine::sqlite) {
      sqlite3* db = nullptr;
      ASSERT_EQ(sqlite3_open((dir_ / "podium.db").c_str(), &db), SQLITE_OK);
      char* error = nullptr;
      const int rc = sqlite3_exec(db, script.c_str(), nullptr, nullptr, &error);
      EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "");
      sqlite3_free(error);
      sqlite3_close(db);
    } else {
      PGconn* conn = PQconnectdb(location_.c_str());
      PGresult* r = PQexec(conn, script.c_str());
      EXPECT_EQ(PQresultStatus(r), PGRES_COMMAND_OK) << PQerrorMessage(conn);
      PQclear(r);
      PQfinish(conn);
    }
  }

  User user(const std::string& name, UserRole role = UserRole::competitor) {
    return store().add_user(name, role, 1000);
  }

  ProblemRecord problem(const std::string& slug, const std::string& hash = "hash-1") {
    ProblemRecord p;
    p.slug = slug;
    p.title = "Problem " + slug;
    p.backend = "cpu";
    p.ranking = "geomean";
    p.secret_seed = "12345";
    return store().put_problem(p, hash, R"({"problem.yaml": "name: x"})", 1000);
  }

  Submission submit(const User& u, const ProblemRecord& p, Millis now, const std::string& mode = "leaderboard",
                    const std::string& gpu = "H100", const std::string& code = "int main() {}") {
    return store().add_submission({u.id, p.id, code, "solution.cu", mode, gpu, "note"}, now);
  }

  Job lease(const std::vector<std::string>& gpus = {"H100"}, Millis now = 5000) {
    auto job = store().lease_job(gpus, "worker-1", now, 60000);
    EXPECT_TRUE(job.has_value()) << "a job was queued for these GPUs";
    return job.value_or(Job{});
  }

  // A finished leaderboard job: three runs, the last one ranked.
  static JobResult passing(double score, bool counts = true) {
    JobResult r;
    for (const char* phase : {"test", "benchmark", "ranked"}) {
      podium::Run run;
      run.phase = phase;
      run.verdict = "accepted";
      run.score_seconds = score;
      run.sol_fraction = 0.5;
      run.device_name = "NVIDIA H100";
      run.driver = "580.1";
      run.sm_clock_mhz = 1980;
      run.report_json = std::string(R"({"phase": ")") + phase + R"("})";
      r.runs.push_back(run);
    }
    r.verdict = "accepted";
    r.score_seconds = score;
    r.sol_fraction = 0.5;
    r.counts = counts;
    return r;
  }

  // Submits, leases and finishes: a submission with a score on the leaderboard (when counts).
  Submission scored(const User& u, const ProblemRecord& p, Millis now, double score, const std::string& gpu = "H100",
                    bool counts = true) {
    const Submission s = submit(u, p, now, "leaderboard", gpu);
    const Job job = lease({gpu}, now);
    EXPECT_EQ(job.submission_id, s.id);
    EXPECT_TRUE(store().finish_job(job.id, job.lease_id, passing(score, counts), now));
    return *store().find_submission(s.id);
  }

  std::filesystem::path dir_;
  std::string location_;
  std::unique_ptr<Store> store_;
};

// ---- the schema --------------------------------------------------------------------------------

TEST_P(StoreTest, MigratesToTheNewestVersionAndOpeningAgainChangesNothing) {
  EXPECT_EQ(store().engine(), GetParam() == Engine::sqlite ? "sqlite" : "postgresql");
  EXPECT_EQ(store().schema_version(), sql::migrations().back().version);
  user("alice");
  auto again = open_store(location_);
  EXPECT_EQ(again->schema_version(), sql::migrations().back().version);
  ASSERT_TRUE(again->find_user("alice"));
}

TEST_P(StoreTest, AnOlderSchemaIsUpgradedWhenOpened) {
  const User alice = user("alice");
  const User bob = user("bob");
  const ProblemRecord p = problem("set/a");
  scored(alice, p, 2000, 2e-3);
  scored(bob, p, 2100, 1e-3);
  scored(alice, p, 2200, 5e-4);
  const auto before = store().leaderboard(p.id, "H100", 10);
  ASSERT_EQ(before.size(), 2u);

  // The database as the previous version left it: no standings table.
  store_.reset();
  run_sql("DROP TABLE standings; DELETE FROM schema_migrations WHERE version = 2");
  store_ = open_store(location_);
  EXPECT_EQ(store().schema_version(), sql::migrations().back().version);
  const auto after = store().leaderboard(p.id, "H100", 10);
  ASSERT_EQ(after.size(), before.size());
  for (size_t i = 0; i < after.size(); ++i) {
    EXPECT_EQ(after[i].submission_id, before[i].submission_id);
    EXPECT_EQ(after[i].score_seconds, before[i].score_seconds);
  }
}

// ---- users and tokens --------------------------------------------------------------------------

TEST_P(StoreTest, UserNamesAreUniqueAndWellFormed) {
  const User alice = user("alice", UserRole::organizer);
  EXPECT_EQ(alice.name, "alice");
  EXPECT_EQ(alice.role, UserRole::organizer);
  EXPECT_EQ(alice.created_at, 1000);
  try {
    user("alice");
    FAIL() << "a second alice was accepted";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::conflict);
    EXPECT_NE(std::string(e.what()).find("alice"), std::string::npos) << e.what();
  }
  for (const std::string& bad : std::vector<std::string>{"", "has space", "semi;colon", std::string(65, 'a')}) {
    try {
      user(bad);
      FAIL() << "'" << bad << "' was accepted as a user name";
    } catch (const StoreError& e) {
      EXPECT_EQ(e.kind(), StoreError::Kind::invalid);
    }
  }
}

TEST_P(StoreTest, UsersAreFoundListedAndChanged) {
  const User alice = user("alice");
  const User bob = user("bob");
  EXPECT_EQ(store().find_user("bob")->id, bob.id);
  EXPECT_EQ(store().find_user(alice.id)->name, "alice");
  EXPECT_FALSE(store().find_user("carol"));
  EXPECT_FALSE(store().find_user(int64_t{9999}));
  store().set_user_role(bob.id, UserRole::admin);
  store().set_user_disabled(alice.id, true);
  const auto users = store().list_users();
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[0].name, "alice");
  EXPECT_TRUE(users[0].disabled);
  EXPECT_EQ(users[1].role, UserRole::admin);
  try {
    store().set_user_role(9999, UserRole::admin);
    FAIL() << "changing a user that does not exist succeeded";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::not_found);
  }
}

TEST_P(StoreTest, TokensFindTheirUserByHashUntilRevokedOrDisabled) {
  const User alice = user("alice");
  const Token token = store().add_token(alice.id, "hash-of-token", "pdm_abcd", "laptop", 2000);
  EXPECT_EQ(token.prefix, "pdm_abcd");
  EXPECT_EQ(token.label, "laptop");
  EXPECT_FALSE(token.last_used_at);

  EXPECT_FALSE(store().user_for_token("hash-of-another-token", 3000));
  const auto found = store().user_for_token("hash-of-token", 3000);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, alice.id);
  EXPECT_EQ(store().list_tokens(alice.id).at(0).last_used_at, 3000);

  store().set_user_disabled(alice.id, true);
  EXPECT_FALSE(store().user_for_token("hash-of-token", 4000));
  store().set_user_disabled(alice.id, false);
  EXPECT_TRUE(store().user_for_token("hash-of-token", 4000));

  store().revoke_token(token.id);
  EXPECT_FALSE(store().user_for_token("hash-of-token", 5000));
  EXPECT_TRUE(store().list_tokens(alice.id).at(0).revoked);
  EXPECT_EQ(store().list_tokens(alice.id).at(0).last_used_at, 4000);
}

TEST_P(StoreTest, TokensNeedAUserAndAHashOfTheirOwn) {
  const User alice = user("alice");
  store().add_token(alice.id, "same-hash", "pdm_1", "one", 2000);
  EXPECT_THROW(store().add_token(alice.id, "same-hash", "pdm_2", "two", 2000), StoreError);
  try {
    store().add_token(9999, "other-hash", "pdm_3", "three", 2000);
    FAIL() << "a token for nobody was stored";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::not_found);
  }
  EXPECT_EQ(store().list_tokens(alice.id).size(), 1u);
}

// ---- problems and competitions -----------------------------------------------------------------

TEST_P(StoreTest, ProblemVersionsChangeOnlyWithTheFilesAndTheSecretSeedStays) {
  const ProblemRecord first = problem("cpu/vector-sum", "hash-1");
  EXPECT_EQ(first.current_version, 1);
  EXPECT_EQ(first.secret_seed, "12345");

  EXPECT_EQ(problem("cpu/vector-sum", "hash-1").current_version, 1);

  ProblemRecord changed = first;
  changed.title = "Vector sum, again";
  changed.secret_seed = "99999";
  const ProblemRecord second = store().put_problem(changed, "hash-2", R"({"problem.yaml": "name: y"})", 2000);
  EXPECT_EQ(second.id, first.id);
  EXPECT_EQ(second.current_version, 2);
  EXPECT_EQ(second.title, "Vector sum, again");
  EXPECT_EQ(second.secret_seed, "12345");

  const auto v1 = store().problem_version(first.id, 1);
  const auto v2 = store().problem_version(first.id, 2);
  ASSERT_TRUE(v1 && v2);
  EXPECT_EQ(v1->hash, "hash-1");
  EXPECT_EQ(v2->hash, "hash-2");
  EXPECT_EQ(v2->files_json, R"({"problem.yaml": "name: y"})");
  EXPECT_EQ(v2->created_at, 2000);
  EXPECT_FALSE(store().problem_version(first.id, 3));
}

TEST_P(StoreTest, AProblemImportedWithoutASecretSeedGetsARandomOne) {
  ProblemRecord p;
  p.slug = "cpu/matmul";
  p.title = "Matmul";
  p.backend = "cpu";
  p.ranking = "geomean";
  const ProblemRecord a = store().put_problem(p, "h", "{}", 1000);
  p.slug = "cpu/prefix-sum";
  const ProblemRecord b = store().put_problem(p, "h", "{}", 1000);
  EXPECT_FALSE(a.secret_seed.empty());
  EXPECT_NE(a.secret_seed, b.secret_seed);
  EXPECT_NO_THROW((void)std::stoull(a.secret_seed)) << a.secret_seed;
}

TEST_P(StoreTest, ProblemsAreFoundListedAndTheirDeadlinesSet) {
  const ProblemRecord b = problem("set/b");
  const ProblemRecord a = problem("set/a");
  EXPECT_EQ(store().find_problem("set/b")->id, b.id);
  EXPECT_EQ(store().find_problem(a.id)->slug, "set/a");
  EXPECT_FALSE(store().find_problem("set/c"));
  const auto all = store().list_problems();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].slug, "set/a");

  store().set_problem_deadline(a.id, 123456);
  EXPECT_EQ(store().find_problem(a.id)->deadline, 123456);
  EXPECT_EQ(problem("set/a", "hash-2").deadline, 123456) << "a new version keeps the deadline";
  store().set_problem_deadline(a.id, std::nullopt);
  EXPECT_FALSE(store().find_problem(a.id)->deadline);
}

TEST_P(StoreTest, CompetitionsListTheirProblemsInOrderAndTheirSlugsAreUnique) {
  problem("set/a");
  problem("set/b");
  Competition c;
  c.slug = "winter";
  c.title = "Winter";
  c.description = "Two problems";
  c.deadline = 99000;
  c.problems = {"set/b", "set/a"};
  c.gpus = {"H100", "B200"};
  const Competition stored = store().put_competition(c, 1000);
  EXPECT_EQ(stored.problems, (std::vector<std::string>{"set/b", "set/a"}));
  EXPECT_EQ(stored.gpus, (std::vector<std::string>{"H100", "B200"}));
  EXPECT_EQ(stored.deadline, 99000);
  EXPECT_FALSE(stored.starts_at);
  EXPECT_EQ(stored.created_at, 1000);

  const auto found = store().find_competition("winter");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, stored.id);
  EXPECT_EQ(found->description, "Two problems");
  EXPECT_EQ(found->problems, stored.problems);
  EXPECT_FALSE(store().find_competition("summer"));

  c.title = "Winter again";
  try {
    store().put_competition(c, 2000);
    FAIL() << "a second competition 'winter' was stored";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::conflict);
  }
  c.slug = "spring";
  c.problems = {"set/a"};
  store().put_competition(c, 3000);
  const auto all = store().list_competitions();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].slug, "spring");
  EXPECT_EQ(all[0].problems, (std::vector<std::string>{"set/a"}));
  EXPECT_EQ(all[1].title, "Winter");
}

TEST_P(StoreTest, ACompetitionOfUnknownProblemsIsRefusedWhole) {
  problem("set/a");
  Competition c;
  c.slug = "winter";
  c.problems = {"set/a", "set/missing"};
  try {
    store().put_competition(c, 1000);
    FAIL() << "a competition with a missing problem was stored";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::invalid);
    EXPECT_NE(std::string(e.what()).find("set/missing"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(store().list_competitions().empty());
}

// ---- submissions -------------------------------------------------------------------------------

TEST_P(StoreTest, ASubmissionStoresItsCodeOnceAndQueuesOneJob) {
  const User alice = user("alice");
  const User bob = user("bob");
  const ProblemRecord p = problem("set/a");
  const Submission first = submit(alice, p, 2000, "test", "cpu", "void solution() {}");
  const Submission again = submit(bob, p, 3000, "test", "cpu", "void solution() {}");
  const Submission other = submit(alice, p, 4000, "test", "cpu", "void solution() { /* faster */ }");
  EXPECT_EQ(first.code_hash, again.code_hash);
  EXPECT_NE(first.code_hash, other.code_hash);
  EXPECT_EQ(first.code_hash.size(), 64u) << "a SHA-256 in hex";
  EXPECT_EQ(store().code(first.code_hash), "void solution() {}");
  EXPECT_FALSE(store().code("no-such-hash"));

  EXPECT_EQ(first.user_name, "alice");
  EXPECT_EQ(first.problem_slug, "set/a");
  EXPECT_EQ(first.problem_version, 1);
  EXPECT_EQ(first.status, "queued");
  EXPECT_EQ(first.note, "note");
  const auto job = store().job_for_submission(first.id);
  ASSERT_TRUE(job);
  EXPECT_EQ(job->state, JobState::queued);
  EXPECT_EQ(job->gpu, "cpu");
  EXPECT_EQ(job->user_id, alice.id);
  EXPECT_EQ(job->progress_json, "{}");
  EXPECT_EQ(store().find_job(job->id)->submission_id, first.id);
}

TEST_P(StoreTest, ASubmissionNeedsAKnownUserProblemAndMode) {
  const User alice = user("alice");
  const ProblemRecord p = problem("set/a");
  EXPECT_THROW(submit(alice, p, 2000, "profile"), StoreError);
  try {
    store().add_submission({alice.id, 9999, "code", "solution.cu", "test", "H100", ""}, 2000);
    FAIL() << "a submission to a missing problem was stored";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::not_found);
  }
  EXPECT_TRUE(store().list_submissions({}).empty());
}

TEST_P(StoreTest, SubmissionsAreListedNewestFirstByPageAndFilter) {
  const User alice = user("alice");
  const User bob = user("bob");
  const ProblemRecord a = problem("set/a");
  const ProblemRecord b = problem("set/b");
  std::vector<int64_t> ids;
  for (int i = 0; i < 6; ++i) ids.push_back(submit(i % 2 ? bob : alice, i < 3 ? a : b, 2000 + i, "test").id);

  SubmissionFilter filter;
  filter.limit = 4;
  const auto page1 = store().list_submissions(filter);
  ASSERT_EQ(page1.size(), 4u);
  EXPECT_EQ(page1[0].id, ids[5]);
  EXPECT_EQ(page1[3].id, ids[2]);
  filter.before_id = page1.back().id;
  const auto page2 = store().list_submissions(filter);
  ASSERT_EQ(page2.size(), 2u);
  EXPECT_EQ(page2[0].id, ids[1]);
  EXPECT_EQ(page2[1].id, ids[0]);

  SubmissionFilter by_bob;
  by_bob.user_id = bob.id;
  const auto bobs = store().list_submissions(by_bob);
  ASSERT_EQ(bobs.size(), 3u);
  for (const auto& s : bobs) EXPECT_EQ(s.user_name, "bob");
  SubmissionFilter alice_on_b;
  alice_on_b.user_id = alice.id;
  alice_on_b.problem_id = b.id;
  const auto found = store().list_submissions(alice_on_b);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, ids[4]);

  SubmissionFilter none;
  none.limit = 0;
  EXPECT_THROW(store().list_submissions(none), StoreError);
}

TEST_P(StoreTest, SubmissionsAreCountedForRateLimitsAndCompetitors) {
  const User alice = user("alice");
  const User bob = user("bob");
  const ProblemRecord a = problem("set/a");
  const ProblemRecord b = problem("set/b");
  submit(alice, a, 1000, "test");
  submit(alice, a, 2000, "test");
  submit(alice, a, 3000, "test");
  submit(alice, b, 3000, "test");
  submit(bob, a, 3000, "test");
  EXPECT_EQ(store().count_submissions(alice.id, a.id, 2000), 2);
  EXPECT_EQ(store().count_submissions(alice.id, a.id, 0), 3);
  EXPECT_EQ(store().count_submissions(alice.id, b.id, 3001), 0);
  EXPECT_EQ(store().count_competitors(a.id), 2);
  EXPECT_EQ(store().count_competitors(b.id), 1);
}

// ---- the queue ---------------------------------------------------------------------------------

TEST_P(StoreTest, LeasingAJobMarksItsSubmissionRunning) {
  const User alice = user("alice");
  const ProblemRecord p = problem("set/a");
  const Submission s = submit(alice, p, 2000);
  EXPECT_FALSE(store().lease_job({"B200"}, "worker-1", 3000, 60000)) << "no job for that GPU";
  EXPECT_FALSE(store().lease_job({}, "worker-1", 3000, 60000));
  const auto job = store().lease_job({"B200", "H100"}, "worker-1", 3000, 60000);
  ASSERT_TRUE(job);
  EXPECT_EQ(job->submission_id, s.id);
  EXPECT_EQ(job->state, JobState::leased);
  EXPECT_EQ(job->worker, "worker-1");
  EXPECT_EQ(job->lease_expires_at, 63000);
  EXPECT_GE(job->lease_id.size(), 16u);
  EXPECT_EQ(store().find_submission(s.id)->status, "running");
  EXPECT_FALSE(store().lease_job({"H100"}, "worker-2", 3000, 60000)) << "the only job is taken";
}

TEST_P(StoreTest, OneUsersManyJobsDelayAnotherUsersJobByOneLease) {
  const User alice = user("alice");
  const User bob = user("bob");
  const ProblemRecord p = problem("set/a");
  std::vector<int64_t> alices;
  for (int i = 0; i < 5; ++i) alices.push_back(submit(alice, p, 2000 + i).id);
  const int64_t bobs = submit(bob, p, 3000).id;

  std::vector<int64_t> order;
  while (auto job = store().lease_job({"H100"}, "worker-1", 4000, 60000)) order.push_back(job->submission_id);
  EXPECT_EQ(order, (std::vector<int64_t>{alices[0], bobs, alices[1], alices[2], alices[3], alices[4]}));
}

TEST_P(StoreTest, UsersTakeTurnsAndAUserWhoWaitedLongestGoesFirst) {
  const User a = user("a");
  const User b = user("b");
  const User c = user("c");
  const ProblemRecord p = problem("set/a");
  // c leases once, long ago; then a and b queue three jobs each, and c two.
  submit(c, p, 1000);
  lease({"H100"}, 1000);
  std::map<int64_t, std::string> owner;
  for (int i = 0; i < 3; ++i) {
    owner[submit(a, p, 2000 + 10 * i).id] = "a";
    owner[submit(b, p, 2001 + 10 * i).id] = "b";
    if (i < 2) owner[submit(c, p, 2002 + 10 * i).id] = "c";
  }
  std::string turns;
  while (auto job = store().lease_job({"H100"}, "worker-1", 5000, 60000)) turns += owner.at(job->submission_id);
  // a and b never leased: they go first (a's oldest job is older); c, who leased before, after them.
  EXPECT_EQ(turns, "abcabcab");
}

TEST_P(StoreTest, QueuePositionsPredictTheLeaseOrder) {
  const User a = user("a");
  const User b = user("b");
  const User c = user("c");
  const ProblemRecord p = problem("set/a");
  for (int i = 0; i < 4; ++i) submit(a, p, 2000 + i);
  submit(b, p, 3000);
  submit(c, p, 3001);
  submit(c, p, 3002);
  const int64_t cpu_job = store().job_for_submission(submit(b, p, 3003, "test", "cpu").id)->id;
  lease({"H100"}, 4000);  // a's first: a moves behind b and c

  std::map<int, int64_t> by_position;
  for (const Submission& s : store().list_submissions({})) {
    const Job job = *store().job_for_submission(s.id);
    if (job.state != JobState::queued || job.gpu != "H100") continue;
    const int position = store().queue_position(job.id);
    EXPECT_FALSE(by_position.count(position)) << "two jobs at position " << position;
    by_position[position] = job.id;
  }
  ASSERT_EQ(by_position.size(), 6u);
  for (const auto& [position, job_id] : by_position) {
    EXPECT_EQ(store().queue_position(job_id), 0) << "the job at position " << position << " is next";
    EXPECT_EQ(lease({"H100"}, 5000 + position).id, job_id) << "position " << position;
  }
  EXPECT_EQ(store().queue_position(cpu_job), 0) << "the only cpu job waits for no H100 job";
}

TEST_P(StoreTest, HeartbeatsExtendOnlyTheCurrentLease) {
  const User alice = user("alice");
  const ProblemRecord p = problem("set/a");
  submit(alice, p, 2000);
  const Job job = lease({"H100"}, 3000);
  EXPECT_TRUE(store().heartbeat(job.id, job.lease_id, 50000, 60000));
  EXPECT_EQ(store().find_job(job.id)->lease_expires_at, 110000);
  EXPECT_FALSE(store().heartbeat(job.id, "not-the-lease", 50000, 60000));

  EXPECT_TRUE(store().post_progress(job.id, job.lease_id, R"({"phase": "test"})"));
  EXPECT_TRUE(store().post_progress(job.id, job.lease_id, R"({"phase": "benchmark"})"));
  EXPECT_FALSE(store().post_progress(job.id, "not-the-lease", R"({"phase": "forged"})"));
  const Job seen = *store().find_job(job.id);
  EXPECT_EQ(seen.progress_json, R"({"phase": "benchmark"})");
  EXPECT_EQ(seen.progress_seq, 2);

  // The lease runs out, another worker takes the job: the first worker has lost it.
  EXPECT_EQ(store().expire_leases(110001, 3).size(), 1u);
  const Job again = lease({"H100"}, 110002);
  EXPECT_EQ(again.id, job.id);
  EXPECT_NE(again.lease_id, job.lease_id);
  EXPECT_FALSE(store().heartbeat(job.id, job.lease_id, 110003, 60000));
  EXPECT_FALSE(store().post_progress(job.id, job.lease_id, "{}"));
  EXPECT_TRUE(store().heartbeat(job.id, again.lease_id, 110003, 60000));
}

TEST_P(StoreTest, AJobsResultsAreRecordedExactlyOnce) {
  const User alice = user("alice");
  const ProblemRecord p = problem("set/a");
  const Submission s = submit(alice, p, 2000);
  const Job job = lease({"H100"}, 3000);
  EXPECT_FALSE(store().finish_job(job.id, "not-the-lease", passing(1e-3), 4000));
  EXPECT_TRUE(store().runs_for_submission(s.id).empty());

  EXPECT_TRUE(store().finish_job(job.id, job.lease_id, passing(1e-3), 4000));
  EXPECT_FALSE(store().finish_job(job.id, job.lease_id, passing(5e-4), 4001)) << "a second result";

  const auto runs = store().runs_for_submission(s.id);
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_EQ(runs[0].phase, "test");
  EXPECT_EQ(runs[2].phase, "ranked");
  EXPECT_EQ(runs[2].job_id, job.id);
  EXPECT_EQ(runs[2].submission_id, s.id);
  EXPECT_EQ(runs[2].score_seconds, 1e-3);
  EXPECT_EQ(runs[2].sm_clock_mhz, 1980);
  EXPECT_EQ(runs[2].driver, "580.1");
  EXPECT_EQ(runs[2].created_at, 4000);
  const Submission done = *store().find_submission(s.id);
  EXPECT_EQ(done.status, "done");
  EXPECT_EQ(done.verdict, "accepted");
  EXPECT_EQ(done.score_seconds, 1e-3);
  EXPECT_EQ(done.sol_fraction, 0.5);
  EXPECT_TRUE(done.counts);
  const Job finished = *store().find_job(job.id);
  EXPECT_EQ(finished.state, JobState::done);
  EXPECT_EQ(finished.finished_at, 4000);
}

TEST_P(StoreTest, AResultUnderAnExpiredLeaseIsRefused) {
  const User alice = user("alice");
  const ProblemRecord p = problem("set/a");
  const Submission s = submit(alice, p, 2000);
  const Job first = lease({"H100"}, 3000);
  store().expire_leases(3000 + 60001, 3);
  const Job second = lease({"H100"}, 70000);
  EXPECT_FALSE(store().finish_job(first.id, first.lease_id, passing(1e-3), 70001));
  EXPECT_TRUE(store().finish_job(second.id, second.lease_id, passing(2e-3), 70002));
  EXPECT_EQ(store().runs_for_submission(s.id).size(), 3u);
  EXPECT_EQ(store().find_submission(s.id)->score_seconds, 2e-3);
}

TEST_P(StoreTest, ExpiredLeasesRequeueUntilTheJobFailsAtMaxAttempts) {
  const User alice = user("alice");
  const ProblemRecord p = problem("set/a");
  const Submission s = submit(alice, p, 2000);
  Millis now = 3000;
  for (int attempt = 1; attempt <= 3; ++attempt) {
    const Job job = lease({"H100"}, now);
    EXPECT_TRUE(store().expire_leases(now + 60000, 3).empty()) << "the lease has not run out yet";
    now += 60001;
    const auto touched = store().expire_leases(now, 3);
    ASSERT_EQ(touched.size(), 1u);
    EXPECT_EQ(touched[0].id, job.id);
    EXPECT_EQ(touched[0].attempts, attempt);
    if (attempt < 3) {
      EXPECT_EQ(touched[0].state, JobState::queued);
      EXPECT_TRUE(touched[0].lease_id.empty());
      EXPECT_EQ(store().find_submission(s.id)->status, "queued");
    }
  }
  const Job failed = *store().job_for_submission(s.id);
  EXPECT_EQ(failed.state, JobState::failed);
  EXPECT_EQ(failed.attempts, 3);
  const Submission sub = *store().find_submission(s.id);
  EXPECT_EQ(sub.status, "failed");
  EXPECT_EQ(sub.verdict, "internal_error");
  EXPECT_EQ(sub.message, "the job's worker stopped responding 3 times (it may crash workers)");
  EXPECT_FALSE(store().lease_job({"H100"}, "worker-1", now, 60000));
}

TEST_P(StoreTest, ConcurrentWorkersLeaseEachJobOnceAndTheirResultsAllCount) {
  const ProblemRecord p = problem("set/a");
  std::vector<User> users;
  for (int u = 0; u < 5; ++u) users.push_back(user("user" + std::to_string(u)));
  constexpr int kJobs = 60;
  // Each submission's score follows from its id; each user's best is the lowest, ties to the earlier.
  const auto score_of = [](int64_t submission_id) { return 1e-3 * (1 + submission_id % 7); };
  std::map<int64_t, std::pair<double, int64_t>> best;  // user -> (score, submission)
  for (int i = 0; i < kJobs; ++i) {
    const Submission s = submit(users[i % users.size()], p, 2000 + i);
    const std::pair<double, int64_t> mine{score_of(s.id), s.id};
    if (!best.count(s.user_id) || mine < best[s.user_id]) best[s.user_id] = mine;
  }

  // Two stores on one database stand for two server processes, each with three worker threads.
  auto second = open_store(location_);
  std::mutex mutex;
  std::vector<int64_t> leased;
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t)
    threads.emplace_back([&, t] {
      Store& s = t % 2 ? *second : store();
      while (auto job = s.lease_job({"H100"}, "worker-" + std::to_string(t), 3000, 60000)) {
        EXPECT_TRUE(s.finish_job(job->id, job->lease_id, passing(score_of(job->submission_id)), 3001));
        std::lock_guard lock(mutex);
        leased.push_back(job->id);
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(leased.size(), static_cast<size_t>(kJobs));
  EXPECT_EQ(std::set<int64_t>(leased.begin(), leased.end()).size(), static_cast<size_t>(kJobs)) << "a job leased twice";

  const auto board = store().leaderboard(p.id, "H100", 10);
  ASSERT_EQ(board.size(), users.size());
  for (const auto& entry : board)
    EXPECT_EQ(entry.submission_id, best[entry.user_id].second) << "the best of " << entry.user_name;
}

// ---- reruns ------------------------------------------------------------------------------------

TEST_P(StoreTest, ARerunQueuesTheJobAgainAndTheNewResultDecidesTheStanding) {
  const User alice = user("alice");
  const ProblemRecord p = problem("set/a");
  const Submission s = scored(alice, p, 2000, 1e-3);
  EXPECT_EQ(store().leaderboard(p.id, "H100", 10).size(), 1u);

  const Job requeued = store().requeue_submission(s.id, 3000);
  EXPECT_EQ(requeued.state, JobState::queued);
  EXPECT_EQ(requeued.attempts, 0);
  EXPECT_FALSE(requeued.finished_at);
  const Submission cleared = *store().find_submission(s.id);
  EXPECT_EQ(cleared.status, "queued");
  EXPECT_EQ(cleared.verdict, "");
  EXPECT_FALSE(cleared.score_seconds);
  EXPECT_FALSE(cleared.counts);
  EXPECT_TRUE(store().leaderboard(p.id, "H100", 10).empty());
  EXPECT_EQ(store().runs_for_submission(s.id).size(), 3u) << "the first runs are kept";
  try {
    store().requeue_submission(s.id, 3001);
    FAIL() << "a queued submission was queued again";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::conflict);
  }

  const Job job = lease({"H100"}, 4000);
  EXPECT_EQ(job.id, requeued.id);
  ASSERT_TRUE(store().finish_job(job.id, job.lease_id, passing(2e-3), 5000));
  EXPECT_EQ(store().runs_for_submission(s.id).size(), 6u);
  const auto board = store().leaderboard(p.id, "H100", 10);
  ASSERT_EQ(board.size(), 1u);
  EXPECT_EQ(board[0].score_seconds, 2e-3);
}

// ---- the leaderboard ---------------------------------------------------------------------------

TEST_P(StoreTest, TheLeaderboardRanksEachUsersBestSubmission) {
  const User alice = user("alice");
  const User bob = user("bob");
  const User carol = user("carol");
  const ProblemRecord p = problem("set/a");
  scored(alice, p, 2000, 3e-3);
  const Submission alice_best = scored(alice, p, 2100, 1e-3);
  scored(alice, p, 2200, 2e-3);
  const Submission bob_best = scored(bob, p, 2300, 1.5e-3);
  const Submission carol_best = scored(carol, p, 2400, 4e-3);

  const auto board = store().leaderboard(p.id, "H100", 10);
  ASSERT_EQ(board.size(), 3u);
  EXPECT_EQ(board[0].rank, 1);
  EXPECT_EQ(board[0].user_name, "alice");
  EXPECT_EQ(board[0].submission_id, alice_best.id);
  EXPECT_EQ(board[0].score_seconds, 1e-3);
  EXPECT_EQ(board[0].sol_fraction, 0.5);
  EXPECT_EQ(board[0].submitted_at, 2100);
  EXPECT_EQ(board[0].ranked_report_json, R"({"phase": "ranked"})");
  EXPECT_EQ(board[1].submission_id, bob_best.id);
  EXPECT_EQ(board[1].rank, 2);
  EXPECT_EQ(board[2].submission_id, carol_best.id);
  EXPECT_EQ(board[2].rank, 3);

  const auto top = store().leaderboard(p.id, "H100", 2);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[1].user_name, "bob");
}

TEST_P(StoreTest, TiesOnTheLeaderboardGoToTheEarlierSubmission) {
  const User alice = user("alice");
  const User bob = user("bob");
  const ProblemRecord p = problem("set/a");
  const Submission bob_first = scored(bob, p, 2000, 1e-3);
  scored(alice, p, 2100, 1e-3);
  scored(bob, p, 2200, 1e-3);
  const auto board = store().leaderboard(p.id, "H100", 10);
  ASSERT_EQ(board.size(), 2u);
  EXPECT_EQ(board[0].user_name, "bob");
  EXPECT_EQ(board[0].submission_id, bob_first.id) << "bob's earlier equal score stands";
  EXPECT_EQ(board[1].user_name, "alice");
}

TEST_P(StoreTest, TheLeaderboardLeavesOutDisqualifiedNonCountingAndOtherGpuSubmissions) {
  const User alice = user("alice");
  const User bob = user("bob");
  const User carol = user("carol");
  const User dave = user("dave");
  const ProblemRecord p = problem("set/a");
  const ProblemRecord other = problem("set/b");
  const Submission alice_second = scored(alice, p, 2000, 2e-3);
  const Submission alice_best = scored(alice, p, 2100, 1e-3);
  scored(bob, p, 2200, 5e-4, "B200");
  scored(carol, p, 2300, 1e-4, "H100", /*counts=*/false);
  scored(dave, other, 2400, 1e-5);
  // A benchmark run has a score too, but is not a ranked submission.
  const Submission bench = submit(dave, p, 2500, "benchmark");
  const Job job = lease({"H100"}, 2500);
  ASSERT_EQ(job.submission_id, bench.id);
  ASSERT_TRUE(store().finish_job(job.id, job.lease_id, passing(1e-6), 2501));

  auto board = store().leaderboard(p.id, "H100", 10);
  ASSERT_EQ(board.size(), 1u);
  EXPECT_EQ(board[0].submission_id, alice_best.id);

  store().set_disqualified(alice_best.id, true);
  EXPECT_TRUE(store().find_submission(alice_best.id)->disqualified);
  board = store().leaderboard(p.id, "H100", 10);
  ASSERT_EQ(board.size(), 1u);
  EXPECT_EQ(board[0].submission_id, alice_second.id) << "alice's next best stands instead";

  const auto b200 = store().leaderboard(p.id, "B200", 10);
  ASSERT_EQ(b200.size(), 1u);
  EXPECT_EQ(b200[0].user_name, "bob");
  EXPECT_THROW(store().set_disqualified(9999, true), StoreError);
}

// ---- the audit log -----------------------------------------------------------------------------

TEST_P(StoreTest, TheAuditLogKeepsActionsNewestFirst) {
  const User admin = user("root", UserRole::admin);
  store().audit(admin.id, "user.add", R"({"name": "alice"})", 2000);
  store().audit(std::nullopt, "server.start", "{}", 3000);
  store().audit(admin.id, "submission.disqualify", R"({"id": 7})", 4000);
  const auto log = store().audit_log(2);
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].action, "submission.disqualify");
  EXPECT_EQ(log[0].user_id, admin.id);
  EXPECT_EQ(log[0].detail, R"({"id": 7})");
  EXPECT_EQ(log[0].at, 4000);
  EXPECT_EQ(log[1].action, "server.start");
  EXPECT_FALSE(log[1].user_id);
  EXPECT_EQ(store().audit_log(10).size(), 3u);
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreTest, ::testing::Values(Engine::sqlite, Engine::postgresql),
                         [](const ::testing::TestParamInfo<Engine>& info) {
                           return info.param == Engine::sqlite ? "sqlite" : "postgresql";
                         });

}  // namespace
