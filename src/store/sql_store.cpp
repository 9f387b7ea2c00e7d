// Every Store method, once, for both engines: each is one transaction over a pooled Connection, with
// SQL text that both SQLite and PostgreSQL accept. See store.hpp for what each method promises.
//
// The fair queue. A user's place in the queue is the order of their most recent lease
// (users.last_lease_seq, a counter that every lease advances; never leased counts as oldest), ties
// broken by the user's oldest queued job; a user's own jobs go in submission order. Leasing a job moves
// its user to the back, so users take turns: one user's 500 queued jobs delay another user's single
// job by at most the job already running. Leases are serialized by Lock::queue, so the order holds
// across server processes sharing one PostgreSQL database (SQLite serializes every writer anyway).
//
// The leaderboard reads the standings table (migration 2), which refresh_standing keeps current.
#include "store/sql_store.hpp"

#include <fmt/format.h>
#include <openssl/rand.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>

#include "runner/hash.hpp"
#include "store/migrations.hpp"

namespace podium::sql {

namespace {

using Kind = StoreError::Kind;

// ---- randomness --------------------------------------------------------------------------------

void random_bytes(unsigned char* out, int n) {
  if (RAND_bytes(out, n) != 1) throw StoreError(Kind::engine, "store: the system's random generator failed");
}

std::string random_hex(int bytes) {
  std::vector<unsigned char> b(bytes);
  random_bytes(b.data(), bytes);
  std::string out;
  for (unsigned char c : b) out += fmt::format("{:02x}", c);
  return out;
}

std::string random_seed() {
  uint64_t seed = 0;
  random_bytes(reinterpret_cast<unsigned char*>(&seed), sizeof seed);
  return std::to_string(seed);
}

// ---- SQL fragments and row mapping --------------------------------------------------------------

std::string placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

bool flag(const Row& row, const std::string& column) { return row.integer(column) != 0; }

const char* kUserColumns = "u.id, u.name, u.role, u.created_at, u.disabled";

User user_from(const Row& row) {
  User u;
  u.id = row.integer("id");
  u.name = row.text("name");
  const auto role = parse_role(row.text("role"));
  if (!role)
    throw StoreError(Kind::engine, fmt::format("store: user {} has an unknown role '{}'", u.id, row.text("role")));
  u.role = *role;
  u.created_at = row.integer("created_at");
  u.disabled = flag(row, "disabled");
  return u;
}

Token token_from(const Row& row) {
  Token t;
  t.id = row.integer("id");
  t.user_id = row.integer("user_id");
  t.label = row.text("label");
  t.prefix = row.text("prefix");
  t.created_at = row.integer("created_at");
  t.last_used_at = row.optional_integer("last_used_at");
  t.revoked = flag(row, "revoked");
  return t;
}

const char* kProblemColumns = "id, slug, title, backend, ranking, secret_seed, deadline, current_version, created_at";

ProblemRecord problem_from(const Row& row) {
  ProblemRecord p;
  p.id = row.integer("id");
  p.slug = row.text("slug");
  p.title = row.text("title");
  p.backend = row.text("backend");
  p.ranking = row.text("ranking");
  p.secret_seed = row.text("secret_seed");
  p.deadline = row.optional_integer("deadline");
  p.current_version = static_cast<int>(row.integer("current_version"));
  p.created_at = row.integer("created_at");
  return p;
}

const char* kSubmissionSelect =
    "SELECT s.id, s.user_id, u.name AS user_name, s.problem_id, p.slug AS problem_slug, s.problem_version, "
    "s.code_hash, s.file_name, s.mode, s.gpu, s.note, s.created_at, s.status, s.verdict, s.message, "
    "s.score_seconds, s.sol_fraction, s.counts, s.disqualified "
    "FROM submissions s JOIN users u ON u.id = s.user_id JOIN problems p ON p.id = s.problem_id";

Submission submission_from(const Row& row) {
  Submission s;
  s.id = row.integer("id");
  s.user_id = row.integer("user_id");
  s.user_name = row.text("user_name");
  s.problem_id = row.integer("problem_id");
  s.problem_slug = row.text("problem_slug");
  s.problem_version = static_cast<int>(row.integer("problem_version"));
  s.code_hash = row.text("code_hash");
  s.file_name = row.text("file_name");
  s.mode = row.text("mode");
  s.gpu = row.text("gpu");
  s.note = row.text("note");
  s.created_at = row.integer("created_at");
  s.status = row.text("status");
  s.verdict = row.text("verdict");
  s.message = row.text("message");
  s.score_seconds = row.optional_real("score_seconds");
  s.sol_fraction = row.optional_real("sol_fraction");
  s.counts = flag(row, "counts");
  s.disqualified = flag(row, "disqualified");
  return s;
}

const char* kJobSelect =
    "SELECT id, submission_id, user_id, gpu, state, attempts, worker, lease_id, lease_expires_at, progress_json, "
    "progress_seq, created_at, finished_at FROM jobs";

JobState job_state_from(const std::string& name) {
  for (JobState s : {JobState::queued, JobState::leased, JobState::done, JobState::failed})
    if (job_state_name(s) == name) return s;
  throw StoreError(Kind::engine, fmt::format("store: a job has the unknown state '{}'", name));
}

Job job_from(const Row& row) {
  Job j;
  j.id = row.integer("id");
  j.submission_id = row.integer("submission_id");
  j.user_id = row.integer("user_id");
  j.gpu = row.text("gpu");
  j.state = job_state_from(row.text("state"));
  j.attempts = static_cast<int>(row.integer("attempts"));
  j.worker = row.text("worker");
  j.lease_id = row.text("lease_id");
  j.lease_expires_at = row.optional_integer("lease_expires_at");
  j.progress_json = row.text("progress_json");
  j.progress_seq = row.integer("progress_seq");
  j.created_at = row.integer("created_at");
  j.finished_at = row.optional_integer("finished_at");
  return j;
}

Run run_from(const Row& row) {
  Run r;
  r.id = row.integer("id");
  r.job_id = row.integer("job_id");
  r.submission_id = row.integer("submission_id");
  r.phase = row.text("phase");
  r.verdict = row.text("verdict");
  r.message = row.text("message");
  r.score_seconds = row.optional_real("score_seconds");
  r.sol_fraction = row.optional_real("sol_fraction");
  r.device_name = row.text("device_name");
  r.driver = row.text("driver");
  r.sm_clock_mhz = static_cast<int>(row.integer("sm_clock_mhz"));
  r.report_json = row.text("report_json");
  r.created_at = row.integer("created_at");
  return r;
}

// The fair order over users with queued jobs for the given GPUs: one row per user, the user to serve
// next first. `first_job` is the user's oldest queued job, `queued` how many they have.
std::string fair_queue_sql(size_t gpu_count) {
  return fmt::format(
      "SELECT h.user_id, h.first_job, h.queued FROM ("
      "SELECT user_id, MIN(id) AS first_job, COUNT(*) AS queued FROM jobs "
      "WHERE state = 'queued' AND gpu IN ({}) GROUP BY user_id) h "
      "JOIN users u ON u.id = h.user_id "
      "ORDER BY COALESCE(u.last_lease_seq, 0), h.first_job",
      placeholders(gpu_count));
}

std::vector<Value> values(const std::vector<std::string>& strings) {
  return std::vector<Value>(strings.begin(), strings.end());
}

bool valid_user_name(const std::string& name) {
  static const std::regex pattern("[A-Za-z0-9_.-]{1,64}");
  return std::regex_match(name, pattern);
}

bool valid_mode(const std::string& mode) { return mode == "test" || mode == "benchmark" || mode == "leaderboard"; }

// ---- the store ---------------------------------------------------------------------------------

class SqlStore final : public Store {
  // Each method's body runs as one transaction (sql.hpp's transaction()).
  template <class Body>
  auto read(Body&& body) {
    return transaction(*pool_, Access::read, std::forward<Body>(body));
  }
  template <class Body>
  auto write(Body&& body) {
    return transaction(*pool_, Access::write, std::forward<Body>(body));
  }

 public:
  explicit SqlStore(std::unique_ptr<Pool> pool) : pool_(std::move(pool)) { engine_ = pool_->acquire()->dialect().name; }

  std::string engine() const override { return engine_; }

  int schema_version() override {
    return read([](Connection& c) { return sql::schema_version(c); });
  }

  // ---- users and tokens ----

  User add_user(const std::string& name, UserRole role, Millis now) override {
    if (!valid_user_name(name))
      throw StoreError(Kind::invalid, fmt::format("user name '{}' is not 1 to 64 of A-Z a-z 0-9 _ . -", name));
    return write([&](Connection& c) {
      if (user_where(c, "u.name = ?", name))
        throw StoreError(Kind::conflict, fmt::format("user '{}' already exists", name));
      const int64_t id = c.query("INSERT INTO users (name, role, created_at) VALUES (?, ?, ?) RETURNING id",
                                 {name, std::string(role_name(role)), now})
                             .rows.at(0)
                             .integer("id");
      return *user_where(c, "u.id = ?", id);
    });
  }

  std::optional<User> find_user(const std::string& name) override {
    return read([&](Connection& c) { return user_where(c, "u.name = ?", name); });
  }

  std::optional<User> find_user(int64_t id) override {
    return read([&](Connection& c) { return user_where(c, "u.id = ?", id); });
  }

  std::vector<User> list_users() override {
    return read([&](Connection& c) {
      std::vector<User> out;
      for (const Row& row : c.query(fmt::format("SELECT {} FROM users u ORDER BY u.id", kUserColumns), {}).rows)
        out.push_back(user_from(row));
      return out;
    });
  }

  void set_user_role(int64_t user_id, UserRole role) override {
    write([&](Connection& c) {
      expect_changed(c.query("UPDATE users SET role = ? WHERE id = ?", {std::string(role_name(role)), user_id}), "user",
                     user_id);
    });
  }

  void set_user_disabled(int64_t user_id, bool disabled) override {
    write([&](Connection& c) {
      expect_changed(c.query("UPDATE users SET disabled = ? WHERE id = ?", {int64_t{disabled}, user_id}), "user",
                     user_id);
    });
  }

  Token add_token(int64_t user_id, const std::string& token_hash, const std::string& prefix, const std::string& label,
                  Millis now) override {
    return write([&](Connection& c) {
      if (!user_where(c, "u.id = ?", user_id)) throw not_found("user", user_id);
      const Row row = c.query(
                           "INSERT INTO tokens (user_id, token_hash, prefix, label, created_at) VALUES (?, ?, ?, ?, ?) "
                           "RETURNING id, user_id, label, prefix, created_at, last_used_at, revoked",
                           {user_id, token_hash, prefix, label, now})
                          .rows.at(0);
      return token_from(row);
    });
  }

  std::vector<Token> list_tokens(int64_t user_id) override {
    return read([&](Connection& c) {
      std::vector<Token> out;
      for (const Row& row : c.query("SELECT id, user_id, label, prefix, created_at, last_used_at, revoked FROM tokens "
                                    "WHERE user_id = ? ORDER BY id",
                                    {user_id})
                                .rows)
        out.push_back(token_from(row));
      return out;
    });
  }

  void revoke_token(int64_t token_id) override {
    write([&](Connection& c) {
      expect_changed(c.query("UPDATE tokens SET revoked = 1 WHERE id = ?", {token_id}), "token", token_id);
    });
  }

  std::optional<User> user_for_token(const std::string& token_hash, Millis now) override {
    return write([&](Connection& c) -> std::optional<User> {
      const auto rows =
          c.query(fmt::format("SELECT {}, t.id AS token_id FROM tokens t JOIN users u ON u.id = t.user_id "
                              "WHERE t.token_hash = ? AND t.revoked = 0 AND u.disabled = 0",
                              kUserColumns),
                  {token_hash})
              .rows;
      if (rows.empty()) return std::nullopt;
      c.query("UPDATE tokens SET last_used_at = ? WHERE id = ?", {now, rows[0].integer("token_id")});
      return user_from(rows[0]);
    });
  }

  // ---- problems and competitions ----

  ProblemRecord put_problem(const ProblemRecord& problem, const std::string& hash, const std::string& files_json,
                            Millis now) override {
    if (problem.slug.empty() || hash.empty())
      throw StoreError(Kind::invalid, "a problem needs a slug and the hash of its files");
    return write([&](Connection& c) {
      const auto stored = problem_where(c, "slug = ?", problem.slug);
      if (!stored) {
        const std::string seed = problem.secret_seed.empty() ? random_seed() : problem.secret_seed;
        const int64_t id =
            c.query(
                 "INSERT INTO problems (slug, title, backend, ranking, secret_seed, deadline, current_version, "
                 "created_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?) RETURNING id",
                 {problem.slug, problem.title, problem.backend, problem.ranking, seed, nullable(problem.deadline), now})
                .rows.at(0)
                .integer("id");
        add_problem_version(c, id, 1, hash, files_json, now);
        return *problem_where(c, "id = ?", id);
      }
      c.query("UPDATE problems SET title = ?, backend = ?, ranking = ? WHERE id = ?",
              {problem.title, problem.backend, problem.ranking, stored->id});
      const auto current = c.query("SELECT hash FROM problem_versions WHERE problem_id = ? AND version = ?",
                                   {stored->id, int64_t{stored->current_version}})
                               .rows;
      if (current.empty() || current[0].text("hash") != hash) {
        const int version = stored->current_version + 1;
        add_problem_version(c, stored->id, version, hash, files_json, now);
        c.query("UPDATE problems SET current_version = ? WHERE id = ?", {int64_t{version}, stored->id});
      }
      return *problem_where(c, "id = ?", stored->id);
    });
  }

  std::optional<ProblemRecord> find_problem(const std::string& slug) override {
    return read([&](Connection& c) { return problem_where(c, "slug = ?", slug); });
  }

  std::optional<ProblemRecord> find_problem(int64_t id) override {
    return read([&](Connection& c) { return problem_where(c, "id = ?", id); });
  }

  std::vector<ProblemRecord> list_problems() override {
    return read([&](Connection& c) {
      std::vector<ProblemRecord> out;
      for (const Row& row : c.query(fmt::format("SELECT {} FROM problems ORDER BY slug", kProblemColumns), {}).rows)
        out.push_back(problem_from(row));
      return out;
    });
  }

  std::optional<ProblemVersion> problem_version(int64_t problem_id, int version) override {
    return read([&](Connection& c) -> std::optional<ProblemVersion> {
      const auto rows = c.query(
                             "SELECT problem_id, version, hash, files_json, created_at FROM problem_versions "
                             "WHERE problem_id = ? AND version = ?",
                             {problem_id, int64_t{version}})
                            .rows;
      if (rows.empty()) return std::nullopt;
      const Row& row = rows[0];
      return ProblemVersion{row.integer("problem_id"), static_cast<int>(row.integer("version")), row.text("hash"),
                            row.text("files_json"), row.integer("created_at")};
    });
  }

  void set_problem_deadline(int64_t problem_id, std::optional<Millis> deadline) override {
    write([&](Connection& c) {
      expect_changed(c.query("UPDATE problems SET deadline = ? WHERE id = ?", {nullable(deadline), problem_id}),
                     "problem", problem_id);
    });
  }

  Competition put_competition(const Competition& competition, Millis now) override {
    if (competition.slug.empty()) throw StoreError(Kind::invalid, "a competition needs a slug");
    return write([&](Connection& c) {
      std::vector<int64_t> problem_ids;
      for (const std::string& slug : competition.problems) {
        const auto p = problem_where(c, "slug = ?", slug);
        if (!p)
          throw StoreError(Kind::invalid, fmt::format("competition '{}' names the problem '{}', which does not exist",
                                                      competition.slug, slug));
        problem_ids.push_back(p->id);
      }
      if (!c.query("SELECT id FROM competitions WHERE slug = ?", {competition.slug}).rows.empty())
        throw StoreError(Kind::conflict, fmt::format("competition '{}' already exists", competition.slug));
      const int64_t id =
          c.query(
               "INSERT INTO competitions (slug, title, description, starts_at, deadline, gpus_json, created_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
               {competition.slug, competition.title, competition.description, nullable(competition.starts_at),
                nullable(competition.deadline), nlohmann::json(competition.gpus).dump(), now})
              .rows.at(0)
              .integer("id");
      for (size_t i = 0; i < problem_ids.size(); ++i)
        c.query("INSERT INTO competition_problems (competition_id, position, problem_id) VALUES (?, ?, ?)",
                {id, static_cast<int64_t>(i), problem_ids[i]});
      return competitions_where(c, "WHERE c.id = ?", {id}).at(0);
    });
  }

  std::optional<Competition> find_competition(const std::string& slug) override {
    return read([&](Connection& c) -> std::optional<Competition> {
      auto found = competitions_where(c, "WHERE c.slug = ?", {slug});
      if (found.empty()) return std::nullopt;
      return found[0];
    });
  }

  std::vector<Competition> list_competitions() override {
    return read([&](Connection& c) { return competitions_where(c, "", {}); });
  }

  // ---- submissions ----

  Submission add_submission(const NewSubmission& s, Millis now) override {
    if (!valid_mode(s.mode))
      throw StoreError(Kind::invalid, fmt::format("mode '{}' is not test, benchmark or leaderboard", s.mode));
    if (s.gpu.empty() || s.file_name.empty())
      throw StoreError(Kind::invalid, "a submission needs a GPU and a file name");
    const std::string hash = sha256_hex(s.code);
    return write([&](Connection& c) {
      if (!user_where(c, "u.id = ?", s.user_id)) throw not_found("user", s.user_id);
      const auto problem = problem_where(c, "id = ?", s.problem_id);
      if (!problem) throw not_found("problem", s.problem_id);
      c.query("INSERT INTO code (hash, text, created_at) VALUES (?, ?, ?) ON CONFLICT (hash) DO NOTHING",
              {hash, s.code, now});
      const int64_t id =
          c.query(
               "INSERT INTO submissions (user_id, problem_id, problem_version, code_hash, file_name, mode, gpu, "
               "note, created_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued') RETURNING id",
               {s.user_id, s.problem_id, int64_t{problem->current_version}, hash, s.file_name, s.mode, s.gpu, s.note,
                now})
              .rows.at(0)
              .integer("id");
      c.query("INSERT INTO jobs (submission_id, user_id, gpu, state, created_at) VALUES (?, ?, ?, 'queued', ?)",
              {id, s.user_id, s.gpu, now});
      return *submission_by_id(c, id);
    });
  }

  std::optional<Submission> find_submission(int64_t id) override {
    return read([&](Connection& c) { return submission_by_id(c, id); });
  }

  std::vector<Submission> list_submissions(const SubmissionFilter& filter) override {
    if (filter.limit < 1)
      throw StoreError(Kind::invalid, fmt::format("a listing limit must be positive, not {}", filter.limit));
    std::string where = " WHERE 1 = 1";
    std::vector<Value> params;
    const auto narrow = [&](const char* condition, int64_t value) {
      where += condition;
      params.push_back(value);
    };
    if (filter.user_id) narrow(" AND s.user_id = ?", *filter.user_id);
    if (filter.problem_id) narrow(" AND s.problem_id = ?", *filter.problem_id);
    if (filter.before_id) narrow(" AND s.id < ?", *filter.before_id);
    params.push_back(int64_t{filter.limit});
    return read([&](Connection& c) {
      std::vector<Submission> out;
      for (const Row& row :
           c.query(std::string(kSubmissionSelect) + where + " ORDER BY s.id DESC LIMIT ?", params).rows)
        out.push_back(submission_from(row));
      return out;
    });
  }

  std::optional<std::string> code(const std::string& code_hash) override {
    return read([&](Connection& c) -> std::optional<std::string> {
      const auto rows = c.query("SELECT text FROM code WHERE hash = ?", {code_hash}).rows;
      if (rows.empty()) return std::nullopt;
      return rows[0].text("text");
    });
  }

  int count_submissions(int64_t user_id, int64_t problem_id, Millis since) override {
    return read([&](Connection& c) {
      return static_cast<int>(c.query("SELECT COUNT(*) AS n FROM submissions WHERE user_id = ? AND problem_id = ? AND "
                                      "created_at >= ?",
                                      {user_id, problem_id, since})
                                  .rows.at(0)
                                  .integer("n"));
    });
  }

  int count_competitors(int64_t problem_id) override {
    return read([&](Connection& c) {
      return static_cast<int>(
          c.query("SELECT COUNT(DISTINCT user_id) AS n FROM submissions WHERE problem_id = ?", {problem_id})
              .rows.at(0)
              .integer("n"));
    });
  }

  void set_disqualified(int64_t submission_id, bool disqualified) override {
    write([&](Connection& c) {
      expect_changed(
          c.query("UPDATE submissions SET disqualified = ? WHERE id = ?", {int64_t{disqualified}, submission_id}),
          "submission", submission_id);
      refresh_standing(c, submission_id);
    });
  }

  Job requeue_submission(int64_t submission_id, Millis) override {
    return write([&](Connection& c) {
      const auto job = job_where(c, "submission_id = ?", submission_id);
      if (!job) throw not_found("submission", submission_id);
      if (job->state == JobState::queued || job->state == JobState::leased)
        throw StoreError(Kind::conflict,
                         fmt::format("submission {} is still {}: only a finished submission can be rerun",
                                     submission_id, job->state == JobState::queued ? "queued" : "running"));
      c.query(
          "UPDATE jobs SET state = 'queued', attempts = 0, worker = '', lease_id = '', lease_expires_at = NULL, "
          "progress_json = '{}', finished_at = NULL WHERE id = ?",
          {job->id});
      c.query(
          "UPDATE submissions SET status = 'queued', verdict = '', message = '', score_seconds = NULL, "
          "sol_fraction = NULL, counts = 0, finished_at = NULL WHERE id = ?",
          {submission_id});
      refresh_standing(c, submission_id);
      return *job_where(c, "id = ?", job->id);
    });
  }

  // ---- jobs ----

  std::optional<Job> lease_job(const std::vector<std::string>& gpus, const std::string& worker, Millis now,
                               Millis lease_ms) override {
    if (gpus.empty()) return std::nullopt;
    return write([&](Connection& c) -> std::optional<Job> {
      c.lock(Lock::queue);
      const auto next = c.query(fair_queue_sql(gpus.size()) + " LIMIT 1", values(gpus)).rows;
      if (next.empty()) return std::nullopt;
      const int64_t job_id = next[0].integer("first_job");
      c.query("UPDATE users SET last_lease_seq = (SELECT COALESCE(MAX(last_lease_seq), 0) + 1 FROM users) WHERE id = ?",
              {next[0].integer("user_id")});
      const auto leased = c.query(
          "UPDATE jobs SET state = 'leased', worker = ?, lease_id = ?, lease_expires_at = ? "
          "WHERE id = ? AND state = 'queued'",
          {worker, random_hex(16), now + lease_ms, job_id});
      if (leased.changed != 1)
        throw StoreError(Kind::engine, fmt::format("store: job {} left the queue while the queue was locked", job_id));
      c.query("UPDATE submissions SET status = 'running' WHERE id = (SELECT submission_id FROM jobs WHERE id = ?)",
              {job_id});
      return job_where(c, "id = ?", job_id);
    });
  }

  bool heartbeat(int64_t job_id, const std::string& lease_id, Millis now, Millis lease_ms) override {
    return write([&](Connection& c) {
      return c.query("UPDATE jobs SET lease_expires_at = ? WHERE id = ? AND lease_id = ? AND state = 'leased'",
                     {now + lease_ms, job_id, lease_id})
                 .changed == 1;
    });
  }

  bool post_progress(int64_t job_id, const std::string& lease_id, const std::string& progress_json) override {
    return write([&](Connection& c) {
      return c.query(
                  "UPDATE jobs SET progress_json = ?, progress_seq = progress_seq + 1 "
                  "WHERE id = ? AND lease_id = ? AND state = 'leased'",
                  {progress_json, job_id, lease_id})
                 .changed == 1;
    });
  }

  bool finish_job(int64_t job_id, const std::string& lease_id, const JobResult& result, Millis now) override {
    return write([&](Connection& c) {
      // The state change is the gate: of two finishes (or a finish and an expiry) only one finds
      // the job still leased under this lease.
      if (c.query("UPDATE jobs SET state = 'done', finished_at = ?, lease_expires_at = NULL "
                  "WHERE id = ? AND lease_id = ? AND state = 'leased'",
                  {now, job_id, lease_id})
              .changed != 1)
        return false;
      const int64_t submission_id = job_where(c, "id = ?", job_id)->submission_id;
      for (const Run& r : result.runs)
        c.query(
            "INSERT INTO runs (job_id, submission_id, phase, verdict, message, score_seconds, sol_fraction, "
            "device_name, driver, sm_clock_mhz, report_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {job_id, submission_id, r.phase, r.verdict, r.message, nullable(r.score_seconds), nullable(r.sol_fraction),
             r.device_name, r.driver, int64_t{r.sm_clock_mhz}, r.report_json, now});
      c.query(
          "UPDATE submissions SET status = 'done', verdict = ?, message = ?, score_seconds = ?, sol_fraction = ?, "
          "counts = ?, finished_at = ? WHERE id = ?",
          {result.verdict, result.message, nullable(result.score_seconds), nullable(result.sol_fraction),
           int64_t{result.counts}, now, submission_id});
      refresh_standing(c, submission_id);
      return true;
    });
  }

  std::vector<Job> expire_leases(Millis now, int max_attempts) override {
    if (max_attempts < 1)
      throw StoreError(Kind::invalid, fmt::format("max_attempts must be at least 1, not {}", max_attempts));
    return write([&](Connection& c) {
      c.lock(Lock::queue);
      std::vector<Job> touched;
      for (const Row& row : c.query("SELECT id, submission_id, attempts, lease_id FROM jobs "
                                    "WHERE state = 'leased' AND lease_expires_at < ? ORDER BY id",
                                    {now})
                                .rows) {
        const int64_t id = row.integer("id");
        const int64_t attempts = row.integer("attempts") + 1;
        const bool give_up = attempts >= max_attempts;
        c.query(give_up ? "UPDATE jobs SET state = 'failed', attempts = ?, lease_expires_at = NULL, finished_at = ? "
                          "WHERE id = ? AND lease_id = ?"
                        : "UPDATE jobs SET state = 'queued', attempts = ?, worker = '', lease_id = '', "
                          "lease_expires_at = NULL WHERE id = ? AND lease_id = ?",
                give_up ? std::vector<Value>{attempts, now, id, row.text("lease_id")}
                        : std::vector<Value>{attempts, id, row.text("lease_id")});
        if (give_up)
          c.query(
              "UPDATE submissions SET status = 'failed', verdict = 'internal_error', message = ?, finished_at = ? "
              "WHERE id = ?",
              {fmt::format("the job's worker stopped responding {} times (it may crash workers)", attempts), now,
               row.integer("submission_id")});
        else
          c.query("UPDATE submissions SET status = 'queued' WHERE id = ?", {row.integer("submission_id")});
        touched.push_back(*job_where(c, "id = ?", id));
      }
      return touched;
    });
  }

  std::optional<Job> find_job(int64_t id) override {
    return read([&](Connection& c) { return job_where(c, "id = ?", id); });
  }

  std::optional<Job> job_for_submission(int64_t submission_id) override {
    return read([&](Connection& c) { return job_where(c, "submission_id = ?", submission_id); });
  }

  // The fair order serves users in turns, in the order fair_queue_sql gives, and the same order
  // again each round (a user served moves to the back, behind the others of the round). A job that
  // is its user's k-th queued one (from 0) is served in round k: before it go k of its user's jobs,
  // and from every other user up to k + 1 jobs if they come earlier in the order, up to k if later.
  int queue_position(int64_t job_id) override {
    return read([&](Connection& c) {
      const auto job = job_where(c, "id = ?", job_id);
      if (!job) throw not_found("job", job_id);
      if (job->state != JobState::queued) return 0;
      const int64_t round = c.query(
                                 "SELECT COUNT(*) AS n FROM jobs WHERE state = 'queued' AND gpu = ? AND "
                                 "user_id = ? AND id < ?",
                                 {job->gpu, job->user_id, job_id})
                                .rows.at(0)
                                .integer("n");
      int64_t position = round;
      bool earlier = true;
      for (const Row& row : c.query(fair_queue_sql(1), {job->gpu}).rows) {
        if (row.integer("user_id") == job->user_id) {
          earlier = false;
          continue;
        }
        position += std::min(row.integer("queued"), earlier ? round + 1 : round);
      }
      return static_cast<int>(position);
    });
  }

  std::vector<Run> runs_for_submission(int64_t submission_id) override {
    return read([&](Connection& c) {
      std::vector<Run> out;
      for (const Row& row : c.query("SELECT id, job_id, submission_id, phase, verdict, message, score_seconds, "
                                    "sol_fraction, device_name, driver, sm_clock_mhz, report_json, created_at "
                                    "FROM runs WHERE submission_id = ? ORDER BY id",
                                    {submission_id})
                                .rows)
        out.push_back(run_from(row));
      return out;
    });
  }

  // The first rows of standings_rank; only the entries on the page fetch their ranked report.
  std::vector<LeaderboardEntry> leaderboard(int64_t problem_id, const std::string& gpu, int limit) override {
    if (limit < 1) throw StoreError(Kind::invalid, fmt::format("a leaderboard limit must be positive, not {}", limit));
    return read([&](Connection& c) {
      const auto rows =
          c.query(
               "SELECT st.submission_id, st.user_id, u.name AS user_name, st.score_seconds, s.sol_fraction, "
               "st.submitted_at, "
               "(SELECT r.report_json FROM runs r WHERE r.submission_id = st.submission_id AND r.phase = 'ranked' "
               "ORDER BY r.id DESC LIMIT 1) AS ranked_report_json "
               "FROM standings st JOIN users u ON u.id = st.user_id JOIN submissions s ON s.id = st.submission_id "
               "WHERE st.problem_id = ? AND st.gpu = ? "
               "ORDER BY st.score_seconds, st.submitted_at, st.submission_id LIMIT ?",
               {problem_id, gpu, int64_t{limit}})
              .rows;
      std::vector<LeaderboardEntry> out;
      for (const Row& row : rows) {
        LeaderboardEntry e;
        e.rank = static_cast<int>(out.size()) + 1;
        e.user_id = row.integer("user_id");
        e.user_name = row.text("user_name");
        e.submission_id = row.integer("submission_id");
        e.score_seconds = row.real("score_seconds");
        e.sol_fraction = row.optional_real("sol_fraction");
        e.ranked_report_json = row.text("ranked_report_json");
        e.submitted_at = row.integer("submitted_at");
        out.push_back(std::move(e));
      }
      return out;
    });
  }

  void audit(std::optional<int64_t> user_id, const std::string& action, const std::string& detail_json,
             Millis now) override {
    write([&](Connection& c) {
      c.query("INSERT INTO audit_log (at, user_id, action, detail) VALUES (?, ?, ?, ?)",
              {now, nullable(user_id), action, detail_json});
    });
  }

  std::vector<AuditEntry> audit_log(int limit) override {
    if (limit < 1) throw StoreError(Kind::invalid, fmt::format("an audit log limit must be positive, not {}", limit));
    return read([&](Connection& c) {
      std::vector<AuditEntry> out;
      for (const Row& row :
           c.query("SELECT id, at, user_id, action, detail FROM audit_log ORDER BY id DESC LIMIT ?", {int64_t{limit}})
               .rows)
        out.push_back(AuditEntry{row.integer("id"), row.integer("at"), row.optional_integer("user_id"),
                                 row.text("action"), row.text("detail")});
      return out;
    });
  }

 private:
  static StoreError not_found(const char* what, int64_t id) {
    return StoreError(Kind::not_found, fmt::format("no {} with id {}", what, id));
  }

  static void expect_changed(const Result& result, const char* what, int64_t id) {
    if (result.changed == 0) throw not_found(what, id);
  }

  static std::optional<User> user_where(Connection& c, const char* condition, const Value& key) {
    const auto rows = c.query(fmt::format("SELECT {} FROM users u WHERE {}", kUserColumns, condition), {key}).rows;
    if (rows.empty()) return std::nullopt;
    return user_from(rows[0]);
  }

  static std::optional<ProblemRecord> problem_where(Connection& c, const char* condition, const Value& key) {
    const auto rows = c.query(fmt::format("SELECT {} FROM problems WHERE {}", kProblemColumns, condition), {key}).rows;
    if (rows.empty()) return std::nullopt;
    return problem_from(rows[0]);
  }

  static void add_problem_version(Connection& c, int64_t problem_id, int version, const std::string& hash,
                                  const std::string& files_json, Millis now) {
    c.query("INSERT INTO problem_versions (problem_id, version, hash, files_json, created_at) VALUES (?, ?, ?, ?, ?)",
            {problem_id, int64_t{version}, hash, files_json, now});
  }

  static std::vector<Competition> competitions_where(Connection& c, const char* where,
                                                     const std::vector<Value>& params) {
    std::vector<Competition> out;
    for (const Row& row : c.query(fmt::format("SELECT c.id, c.slug, c.title, c.description, c.starts_at, c.deadline, "
                                              "c.gpus_json, c.created_at FROM competitions c {} ORDER BY c.slug",
                                              where),
                                  params)
                              .rows) {
      Competition comp;
      comp.id = row.integer("id");
      comp.slug = row.text("slug");
      comp.title = row.text("title");
      comp.description = row.text("description");
      comp.starts_at = row.optional_integer("starts_at");
      comp.deadline = row.optional_integer("deadline");
      comp.gpus = nlohmann::json::parse(row.text("gpus_json")).get<std::vector<std::string>>();
      comp.created_at = row.integer("created_at");
      for (const Row& p : c.query("SELECT p.slug FROM competition_problems cp JOIN problems p ON p.id = cp.problem_id "
                                  "WHERE cp.competition_id = ? ORDER BY cp.position",
                                  {comp.id})
                              .rows)
        comp.problems.push_back(p.text("slug"));
      out.push_back(std::move(comp));
    }
    return out;
  }

  // Recomputes the standing of the submission's user on its problem and GPU: their best submission
  // that counts, is not disqualified and is a leaderboard one, or none. Called by every change to
  // those columns. Under Lock::standings, so that two results finishing at once for the same user
  // cannot each compute the best without seeing the other.
  static void refresh_standing(Connection& c, int64_t submission_id) {
    c.lock(Lock::standings);
    const Row key =
        c.query("SELECT problem_id, gpu, user_id FROM submissions WHERE id = ?", {submission_id}).rows.at(0);
    const std::vector<Value> owner = {key.integer("problem_id"), key.text("gpu"), key.integer("user_id")};
    c.query("DELETE FROM standings WHERE problem_id = ? AND gpu = ? AND user_id = ?", owner);
    c.query(
        "INSERT INTO standings (problem_id, gpu, user_id, submission_id, score_seconds, submitted_at) "
        "SELECT problem_id, gpu, user_id, id, score_seconds, created_at FROM submissions "
        "WHERE problem_id = ? AND gpu = ? AND user_id = ? AND counts = 1 AND disqualified = 0 "
        "AND mode = 'leaderboard' AND score_seconds IS NOT NULL "
        "ORDER BY score_seconds, created_at, id LIMIT 1",
        owner);
  }

  static std::optional<Submission> submission_by_id(Connection& c, int64_t id) {
    const auto rows = c.query(std::string(kSubmissionSelect) + " WHERE s.id = ?", {id}).rows;
    if (rows.empty()) return std::nullopt;
    return submission_from(rows[0]);
  }

  static std::optional<Job> job_where(Connection& c, const char* condition, int64_t key) {
    const auto rows = c.query(fmt::format("{} WHERE {}", kJobSelect, condition), {key}).rows;
    if (rows.empty()) return std::nullopt;
    return job_from(rows[0]);
  }

  std::unique_ptr<Pool> pool_;
  std::string engine_;
};

}  // namespace

std::unique_ptr<Store> open_sql_store(Pool::Connect connect, size_t max_idle) {
  auto pool = std::make_unique<Pool>(std::move(connect), max_idle);
  migrate(*pool);
  return std::make_unique<SqlStore>(std::move(pool));
}

}  // namespace podium::sql
