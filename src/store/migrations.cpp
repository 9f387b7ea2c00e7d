// The schema, as a numbered list of migrations. See migrations.hpp.
//
// Column types are chosen so that one text serves both engines: BIGINT and DOUBLE PRECISION are
// PostgreSQL's names and map onto SQLite's INTEGER and REAL affinities; flags are INTEGER 0/1 rather
// than BOOLEAN so that queries compare them the same way in both. Code is TEXT (submissions are
// checked to be UTF-8 before they reach the store). The one spelling that differs, the
// auto-numbered primary key, is `{id}`.
#include "store/migrations.hpp"

#include <fmt/format.h>

#include <chrono>

namespace podium::sql {

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> list = {
      {1, "users, tokens, problems, competitions, code, submissions, jobs, runs, audit log", R"sql(
CREATE TABLE users (
  id {id},
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  -- The fair queue's clock: the order of this user's most recent lease (NULL: never leased).
  last_lease_seq BIGINT
);
CREATE INDEX users_last_lease_seq ON users (last_lease_seq);

CREATE TABLE tokens (
  id {id},
  user_id BIGINT NOT NULL REFERENCES users (id),
  token_hash TEXT NOT NULL UNIQUE,  -- SHA-256 of the token; the token itself is never stored
  prefix TEXT NOT NULL,
  label TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX tokens_user ON tokens (user_id);

CREATE TABLE problems (
  id {id},
  slug TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  backend TEXT NOT NULL,
  ranking TEXT NOT NULL,
  secret_seed TEXT NOT NULL,
  deadline BIGINT,
  current_version INTEGER NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE problem_versions (
  problem_id BIGINT NOT NULL REFERENCES problems (id),
  version INTEGER NOT NULL,
  hash TEXT NOT NULL,
  files_json TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (problem_id, version)
);

CREATE TABLE competitions (
  id {id},
  slug TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  starts_at BIGINT,
  deadline BIGINT,
  gpus_json TEXT NOT NULL,  -- ["H100", ...]
  created_at BIGINT NOT NULL
);

CREATE TABLE competition_problems (
  competition_id BIGINT NOT NULL REFERENCES competitions (id),
  position INTEGER NOT NULL,
  problem_id BIGINT NOT NULL REFERENCES problems (id),
  PRIMARY KEY (competition_id, position)
);

-- Source text, once per SHA-256: resubmitting the same file costs a row in submissions only.
CREATE TABLE code (
  hash TEXT PRIMARY KEY,
  text TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE submissions (
  id {id},
  user_id BIGINT NOT NULL REFERENCES users (id),
  problem_id BIGINT NOT NULL REFERENCES problems (id),
  problem_version INTEGER NOT NULL,
  code_hash TEXT NOT NULL REFERENCES code (hash),
  file_name TEXT NOT NULL,
  mode TEXT NOT NULL,
  gpu TEXT NOT NULL,
  note TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  status TEXT NOT NULL,
  verdict TEXT NOT NULL DEFAULT '',
  message TEXT NOT NULL DEFAULT '',
  score_seconds DOUBLE PRECISION,
  sol_fraction DOUBLE PRECISION,
  counts INTEGER NOT NULL DEFAULT 0,
  disqualified INTEGER NOT NULL DEFAULT 0,
  finished_at BIGINT
);
-- Listing (newest first) by user and by problem; rate limits count by user, problem and time.
CREATE INDEX submissions_user ON submissions (user_id, id);
CREATE INDEX submissions_problem ON submissions (problem_id, id);
CREATE INDEX submissions_rate ON submissions (user_id, problem_id, created_at);
-- The leaderboard: only standing submissions, grouped by user, each user's best first.
CREATE INDEX submissions_leaderboard ON submissions (problem_id, gpu, user_id, score_seconds, created_at, id)
  WHERE counts = 1 AND disqualified = 0 AND mode = 'leaderboard';

-- One job per submission; a rerun puts the same job back in the queue.
CREATE TABLE jobs (
  id {id},
  submission_id BIGINT NOT NULL UNIQUE REFERENCES submissions (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  gpu TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  worker TEXT NOT NULL DEFAULT '',
  lease_id TEXT NOT NULL DEFAULT '',
  lease_expires_at BIGINT,
  progress_json TEXT NOT NULL DEFAULT '{}',
  progress_seq BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  finished_at BIGINT
);
-- The lease: each user's oldest queued job for a GPU.
CREATE INDEX jobs_queue ON jobs (gpu, user_id, id) WHERE state = 'queued';
-- Expiry: leases by the time they run out.
CREATE INDEX jobs_leases ON jobs (lease_expires_at) WHERE state = 'leased';

CREATE TABLE runs (
  id {id},
  job_id BIGINT NOT NULL REFERENCES jobs (id),
  submission_id BIGINT NOT NULL REFERENCES submissions (id),
  phase TEXT NOT NULL,
  verdict TEXT NOT NULL,
  message TEXT NOT NULL,
  score_seconds DOUBLE PRECISION,
  sol_fraction DOUBLE PRECISION,
  device_name TEXT NOT NULL,
  driver TEXT NOT NULL,
  sm_clock_mhz INTEGER NOT NULL,
  report_json TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX runs_submission ON runs (submission_id, phase, id);

CREATE TABLE audit_log (
  id {id},
  at BIGINT NOT NULL,
  user_id BIGINT,  -- no reference: the log outlives whatever it mentions
  action TEXT NOT NULL,
  detail TEXT NOT NULL
);
)sql"},
      {2, "standings: each user's best standing submission per problem and GPU, kept as results arrive", R"sql(
-- The leaderboard reads the first rows of standings_rank instead of finding every user's best among
-- all their submissions on each read; sql_store.cpp's refresh_standing keeps it current.
CREATE TABLE standings (
  problem_id BIGINT NOT NULL REFERENCES problems (id),
  gpu TEXT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users (id),
  submission_id BIGINT NOT NULL REFERENCES submissions (id),
  score_seconds DOUBLE PRECISION NOT NULL,
  submitted_at BIGINT NOT NULL,
  PRIMARY KEY (problem_id, gpu, user_id)
);
CREATE INDEX standings_rank ON standings (problem_id, gpu, score_seconds, submitted_at, submission_id);
INSERT INTO standings (problem_id, gpu, user_id, submission_id, score_seconds, submitted_at)
SELECT problem_id, gpu, user_id, id, score_seconds, created_at FROM (
  SELECT s.problem_id, s.gpu, s.user_id, s.id, s.score_seconds, s.created_at,
    ROW_NUMBER() OVER (PARTITION BY s.problem_id, s.gpu, s.user_id ORDER BY s.score_seconds, s.created_at, s.id) AS place
  FROM submissions s
  WHERE s.counts = 1 AND s.disqualified = 0 AND s.mode = 'leaderboard' AND s.score_seconds IS NOT NULL) best
WHERE place = 1;
)sql"},
  };
  return list;
}

std::string render(const Migration& migration, const Dialect& dialect) {
  std::string out = migration.script;
  const std::string placeholder = "{id}";
  for (size_t at = out.find(placeholder); at != std::string::npos; at = out.find(placeholder, at))
    out.replace(at, placeholder.size(), dialect.identity_column);
  return out;
}

int schema_version(Connection& conn) {
  return static_cast<int>(
      conn.query("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations", {}).rows.at(0).integer("v"));
}

void migrate(Pool& pool) {
  const int newest = migrations().back().version;
  for (const Migration& m : migrations()) {
    transaction(pool, Access::write, [&](Connection& conn) {
      conn.lock(Lock::migrations);
      conn.run_script(
          "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
          "applied_at BIGINT NOT NULL)");
      const int current = schema_version(conn);
      if (current > newest)
        throw StoreError(StoreError::Kind::invalid,
                         fmt::format("the database's schema is version {}, newer than this podium knows ({}): "
                                     "upgrade podium before pointing it at this database",
                                     current, newest));
      if (!conn.query("SELECT version FROM schema_migrations WHERE version = ?", {int64_t{m.version}}).rows.empty())
        return;
      try {
        conn.run_script(render(m, conn.dialect()));
      } catch (const StoreError& e) {
        throw StoreError(e.kind(), fmt::format("migration {} ({}) failed: {}", m.version, m.description, e.what()));
      }
      const auto now =
          std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch());
      conn.query("INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)",
                 {int64_t{m.version}, m.description, int64_t{now.count()}});
    });
  }
}

}  // namespace podium::sql
