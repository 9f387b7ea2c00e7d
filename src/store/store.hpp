// The store: everything the platform remembers, behind one interface with two engines (SQLite, the
// embedded default; PostgreSQL, for many server replicas). The server and the admin commands speak
// only to this interface; tests/store/ runs one conformance suite against both engines.
//
// Conventions shared by every method:
// - Times are integer milliseconds since the Unix epoch (`Millis`), passed in by the caller, so that
//   tests control the clock and both engines store the same integers.
// - A Store is used from many threads at once (the server's request threads, its local worker); each
//   engine makes that safe (a connection per thread or a lock around one).
// - Every method is one transaction: it either happens completely or not at all. Methods that decide
//   who gets what (lease_job, finish_job, expire_leases) are safe against concurrent callers in other
//   processes: two workers never lease the same job, a job's results are recorded exactly once.
// - Errors are values with a message: StoreError for what the caller did wrong or what the engine
//   refused (with the engine's own message), never a silent false.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace podium {

using Millis = int64_t;

class StoreError : public std::runtime_error {
 public:
  enum class Kind { not_found, conflict, invalid, engine };
  StoreError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// ---- users and tokens --------------------------------------------------------------------------

// A user's role (UserRole, not Role: core/problem.hpp's Role is a parameter's role).
// competitor: submits and sees their own work; organizer: also manages problems and competitions and
// sees every submission; admin: everything, users and tokens included; worker: leases and runs jobs.
enum class UserRole : uint8_t { competitor, organizer, admin, worker };
std::string_view role_name(UserRole r);
std::optional<UserRole> parse_role(std::string_view s);

struct User {
  int64_t id = 0;
  std::string name;  // unique; [A-Za-z0-9_.-]{1,64}
  UserRole role = UserRole::competitor;
  Millis created_at = 0;
  bool disabled = false;
};

struct Token {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string label;
  std::string prefix;  // the first 8 characters of the token, shown so people can tell tokens apart
  Millis created_at = 0;
  std::optional<Millis> last_used_at;
  bool revoked = false;
};

// ---- problems and competitions -----------------------------------------------------------------

struct ProblemVersion {
  int64_t problem_id = 0;
  int version = 0;         // 1, 2, ...: a new version each time the problem's files change
  std::string hash;        // SHA-256 over the problem's files
  std::string files_json;  // {"problem.yaml": "...", "reference.cu": "...", ...}: all a worker needs
  Millis created_at = 0;
};

struct ProblemRecord {
  int64_t id = 0;
  std::string slug;   // "tensara/vector-addition": set/name, unique
  std::string title;
  std::string backend;  // cuda | cpu
  std::string ranking;  // geomean | mean | last
  std::string secret_seed;  // decimal uint64 mixed into ranked case seeds; never leaves server and worker
  std::optional<Millis> deadline;  // no ranked submissions after it; code becomes public after it
  int current_version = 0;
  Millis created_at = 0;
};

struct Competition {
  int64_t id = 0;
  std::string slug;
  std::string title;
  std::string description;
  std::optional<Millis> starts_at;
  std::optional<Millis> deadline;
  std::vector<std::string> problems;  // problem slugs
  std::vector<std::string> gpus;      // GPU models it is judged on
  Millis created_at = 0;
};

// ---- submissions, jobs and runs ----------------------------------------------------------------

struct Submission {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string user_name;
  int64_t problem_id = 0;
  std::string problem_slug;
  int problem_version = 0;
  std::string code_hash;  // SHA-256 of the source; the text is stored once per hash
  std::string file_name;  // "solution.cu"
  std::string mode;       // test | benchmark | leaderboard
  std::string gpu;        // GPU model it runs on ("H100", "cpu")
  std::string note;       // what changed, given at submit time
  Millis created_at = 0;
  // Outcome, filled when its job finishes:
  std::string status;     // queued | running | done | failed
  std::string verdict;    // a verdict name (report.hpp), empty until done
  std::string message;
  std::optional<double> score_seconds;  // the problem's ranking rule over the ranked (or benchmark) cases
  std::optional<double> sol_fraction;   // speed-of-light time / measured time, same aggregation
  bool counts = false;                  // a passing leaderboard submission: it is on the leaderboard
  bool disqualified = false;
};

struct NewSubmission {
  int64_t user_id = 0;
  int64_t problem_id = 0;
  std::string code;
  std::string file_name;
  std::string mode;
  std::string gpu;
  std::string note;
};

enum class JobState : uint8_t { queued, leased, done, failed };
std::string_view job_state_name(JobState s);

struct Job {
  int64_t id = 0;
  int64_t submission_id = 0;
  int64_t user_id = 0;
  std::string gpu;
  JobState state = JobState::queued;
  int attempts = 0;              // leases that ended without a result (worker died or lost the lease)
  std::string worker;            // the worker holding the lease
  std::string lease_id;          // random, changes with every lease; results must quote it
  std::optional<Millis> lease_expires_at;
  std::string progress_json;     // the latest progress event the worker posted ("{}" before any)
  int64_t progress_seq = 0;      // increases with every progress update, for live streams
  Millis created_at = 0;
  std::optional<Millis> finished_at;
};

// One evaluation of a job: a leaderboard job records three (test, benchmark, ranked).
struct Run {
  int64_t id = 0;
  int64_t job_id = 0;
  int64_t submission_id = 0;
  std::string phase;       // test | benchmark | ranked
  std::string verdict;
  std::string message;
  std::optional<double> score_seconds;
  std::optional<double> sol_fraction;
  std::string device_name;
  std::string driver;
  int sm_clock_mhz = 0;
  std::string report_json;  // the whole podium.eval/1 report: per-case results, compile output
  Millis created_at = 0;
};

struct JobResult {
  std::vector<Run> runs;  // job_id/submission_id/id are filled by the store
  std::string verdict;    // the submission's verdict
  std::string message;
  std::optional<double> score_seconds;
  std::optional<double> sol_fraction;
  bool counts = false;    // a passing leaderboard run: it enters the leaderboard
};

struct LeaderboardEntry {
  int rank = 0;
  int64_t user_id = 0;
  std::string user_name;
  int64_t submission_id = 0;
  double score_seconds = 0;
  std::optional<double> sol_fraction;
  std::string ranked_report_json;  // the ranked run's report, for per-shape times
  Millis submitted_at = 0;
};

struct AuditEntry {
  int64_t id = 0;
  Millis at = 0;
  std::optional<int64_t> user_id;
  std::string action;  // "user.add", "token.create", "submission.disqualify", ...
  std::string detail;  // JSON
};

struct SubmissionFilter {
  std::optional<int64_t> user_id;
  std::optional<int64_t> problem_id;
  int limit = 50;
  std::optional<int64_t> before_id;  // paging: only submissions with a smaller id
};

class Store {
 public:
  virtual ~Store() = default;

  // The engine's name ("sqlite", "postgresql") and the schema version after migrations ran.
  virtual std::string engine() const = 0;
  virtual int schema_version() = 0;

  // Users and tokens. Tokens are stored as SHA-256 hashes; the plain token is only ever seen by
  // whoever created it. user_for_token returns nothing for an unknown, revoked or disabled token,
  // and records its use.
  virtual User add_user(const std::string& name, UserRole role, Millis now) = 0;  // conflict when the name is taken
  virtual std::optional<User> find_user(const std::string& name) = 0;
  virtual std::optional<User> find_user(int64_t id) = 0;
  virtual std::vector<User> list_users() = 0;
  virtual void set_user_role(int64_t user_id, UserRole role) = 0;
  virtual void set_user_disabled(int64_t user_id, bool disabled) = 0;
  virtual Token add_token(int64_t user_id, const std::string& token_hash, const std::string& prefix,
                          const std::string& label, Millis now) = 0;
  virtual std::vector<Token> list_tokens(int64_t user_id) = 0;
  virtual void revoke_token(int64_t token_id) = 0;
  virtual std::optional<User> user_for_token(const std::string& token_hash, Millis now) = 0;

  // Problems: put_problem inserts the problem or, when `hash` differs from the current version's,
  // adds a version; the secret seed is kept from the first import (one is drawn when the first
  // import has none), and so is the deadline, which only set_problem_deadline changes; title,
  // backend and ranking follow the latest import. Returns the record as stored.
  virtual ProblemRecord put_problem(const ProblemRecord& problem, const std::string& hash,
                                    const std::string& files_json, Millis now) = 0;
  virtual std::optional<ProblemRecord> find_problem(const std::string& slug) = 0;
  virtual std::optional<ProblemRecord> find_problem(int64_t id) = 0;
  virtual std::vector<ProblemRecord> list_problems() = 0;
  virtual std::optional<ProblemVersion> problem_version(int64_t problem_id, int version) = 0;
  virtual void set_problem_deadline(int64_t problem_id, std::optional<Millis> deadline) = 0;

  // Competitions: slugs unique (conflict when taken); problems must exist (invalid otherwise).
  virtual Competition put_competition(const Competition& competition, Millis now) = 0;
  virtual std::optional<Competition> find_competition(const std::string& slug) = 0;
  virtual std::vector<Competition> list_competitions() = 0;

  // Submissions: stores the code once per hash and queues one job for the submission, atomically.
  virtual Submission add_submission(const NewSubmission& submission, Millis now) = 0;
  virtual std::optional<Submission> find_submission(int64_t id) = 0;
  virtual std::vector<Submission> list_submissions(const SubmissionFilter& filter) = 0;
  virtual std::optional<std::string> code(const std::string& code_hash) = 0;
  // Submissions by this user to this problem since `since` (rate limits).
  virtual int count_submissions(int64_t user_id, int64_t problem_id, Millis since) = 0;
  // Distinct users with at least one submission to the problem.
  virtual int count_competitors(int64_t problem_id) = 0;
  virtual void set_disqualified(int64_t submission_id, bool disqualified) = 0;
  // Puts a finished submission's job back in the queue (admin rerun): its runs are kept, its outcome
  // cleared, attempts reset; leaderboard standing follows the new result.
  virtual Job requeue_submission(int64_t submission_id, Millis now) = 0;

  // Jobs. lease_job picks a queued job for one of `gpus`, fairly: round-robin across users (the user
  // whose last lease is oldest goes first), each user's jobs in submission order. The lease lasts
  // until now + lease_ms and is extended by heartbeat.
  virtual std::optional<Job> lease_job(const std::vector<std::string>& gpus, const std::string& worker,
                                       Millis now, Millis lease_ms) = 0;
  // False when the lease is no longer this worker's (expired and re-leased, or the job finished).
  virtual bool heartbeat(int64_t job_id, const std::string& lease_id, Millis now, Millis lease_ms) = 0;
  virtual bool post_progress(int64_t job_id, const std::string& lease_id, const std::string& progress_json) = 0;
  // Records the runs and the submission's outcome exactly once. False when the lease is not current
  // (nothing is recorded then).
  virtual bool finish_job(int64_t job_id, const std::string& lease_id, const JobResult& result, Millis now) = 0;
  // Leases that expired before `now` go back to the queue with attempts + 1; a job that reaches
  // `max_attempts` fails with verdict internal_error. Returns the jobs it touched.
  virtual std::vector<Job> expire_leases(Millis now, int max_attempts) = 0;
  virtual std::optional<Job> find_job(int64_t id) = 0;
  virtual std::optional<Job> job_for_submission(int64_t submission_id) = 0;
  // How many jobs will be leased before this queued one under the fair order (0: it is next).
  virtual int queue_position(int64_t job_id) = 0;
  virtual std::vector<Run> runs_for_submission(int64_t submission_id) = 0;

  // Each user's best counting, non-disqualified leaderboard submission for the problem on that GPU,
  // best score first; ties go to the earlier submission.
  virtual std::vector<LeaderboardEntry> leaderboard(int64_t problem_id, const std::string& gpu, int limit) = 0;

  virtual void audit(std::optional<int64_t> user_id, const std::string& action, const std::string& detail_json,
                     Millis now) = 0;
  virtual std::vector<AuditEntry> audit_log(int limit) = 0;
};

// Opens (creating when needed) and migrates a store: "sqlite:PATH", a plain file path (SQLite), or
// "postgresql://..." / "postgres://..." (libpq connection URI). Throws StoreError with the reason.
std::unique_ptr<Store> open_store(const std::string& location);

}  // namespace podium
