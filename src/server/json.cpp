// See json.hpp. Readers of server replies (from_json of what the server writes) accept what to_json
// writes; readers of requests (SubmitRequest, LeaseRequest, JobResultPost) throw FieldError naming the
// field, since their input comes from people and other programs.
#include "server/json.hpp"

namespace podium {

using json = nlohmann::json;

namespace {

template <class T>
json nullable(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

template <class T>
std::optional<T> read_nullable(const json& j, const char* name) {
  const auto it = j.find(name);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return it->get<T>();
}

// Stored JSON text as a value; a text that does not parse (it never should) is kept as a string.
json parsed(const std::string& text) {
  if (text.empty()) return json::object();
  auto v = json::parse(text, nullptr, false);
  return v.is_discarded() ? json(text) : v;
}

}  // namespace

// ---- errors, health ------------------------------------------------------------------------------

void to_json(json& j, const ApiErrorBody& e) {
  j = {{"error", {{"status", e.status}, {"code", e.code}, {"message", e.message}}}};
}

void from_json(const json& j, ApiErrorBody& e) {
  const auto& x = j.at("error");
  x.at("status").get_to(e.status);
  x.at("code").get_to(e.code);
  x.at("message").get_to(e.message);
}

void to_json(json& j, const WorkerSeen& w) {
  j = {{"name", w.name}, {"gpus", w.gpus}, {"unhealthy", w.unhealthy}, {"last_seen", w.last_seen}};
}

void from_json(const json& j, WorkerSeen& w) {
  j.at("name").get_to(w.name);
  j.at("gpus").get_to(w.gpus);
  w.unhealthy = j.value("unhealthy", std::map<std::string, std::string>{});
  j.at("last_seen").get_to(w.last_seen);
}

void to_json(json& j, const Health& h) {
  j = {{"status", h.status}, {"version", h.version}, {"engine", h.engine}, {"schema", h.schema}, {"workers", h.workers}};
}

void from_json(const json& j, Health& h) {
  j.at("status").get_to(h.status);
  j.at("version").get_to(h.version);
  j.at("engine").get_to(h.engine);
  j.at("schema").get_to(h.schema);
  j.at("workers").get_to(h.workers);
}

// ---- store records -------------------------------------------------------------------------------

void to_json(json& j, const User& u) {
  j = {{"id", u.id}, {"name", u.name}, {"role", role_name(u.role)}, {"created_at", u.created_at}, {"disabled", u.disabled}};
}

void from_json(const json& j, User& u) {
  j.at("id").get_to(u.id);
  j.at("name").get_to(u.name);
  const auto role = j.at("role").get<std::string>();
  const auto parsed_role = parse_role(role);
  if (!parsed_role) throw FieldError("unknown role '" + role + "'");
  u.role = *parsed_role;
  u.created_at = j.value("created_at", Millis{0});
  u.disabled = j.value("disabled", false);
}

void to_json(json& j, const Token& t) {
  j = {{"id", t.id},
       {"user_id", t.user_id},
       {"label", t.label},
       {"prefix", t.prefix},
       {"created_at", t.created_at},
       {"last_used_at", nullable(t.last_used_at)},
       {"revoked", t.revoked}};
}

void from_json(const json& j, Token& t) {
  j.at("id").get_to(t.id);
  j.at("user_id").get_to(t.user_id);
  j.at("label").get_to(t.label);
  j.at("prefix").get_to(t.prefix);
  j.at("created_at").get_to(t.created_at);
  t.last_used_at = read_nullable<Millis>(j, "last_used_at");
  j.at("revoked").get_to(t.revoked);
}

void to_json(json& j, const Competition& c) {
  j = {{"id", c.id},
       {"slug", c.slug},
       {"title", c.title},
       {"description", c.description},
       {"starts_at", nullable(c.starts_at)},
       {"deadline", nullable(c.deadline)},
       {"problems", c.problems},
       {"gpus", c.gpus},
       {"created_at", c.created_at}};
}

// Also reads POST /competitions's body: slug, title and problems are required.
void from_json(const json& j, Competition& c) {
  c.id = optional_field<int64_t>(j, "id").value_or(0);
  c.slug = required_field<std::string>(j, "slug");
  c.title = required_field<std::string>(j, "title");
  c.description = optional_field<std::string>(j, "description").value_or("");
  c.starts_at = optional_field<Millis>(j, "starts_at");
  c.deadline = optional_field<Millis>(j, "deadline");
  c.problems = required_field<std::vector<std::string>>(j, "problems");
  c.gpus = optional_field<std::vector<std::string>>(j, "gpus").value_or(std::vector<std::string>{});
  c.created_at = optional_field<Millis>(j, "created_at").value_or(0);
}

void to_json(json& j, const AuditEntry& a) {
  j = {{"id", a.id}, {"at", a.at}, {"user_id", nullable(a.user_id)}, {"action", a.action}, {"detail", parsed(a.detail)}};
}

void from_json(const json& j, AuditEntry& a) {
  j.at("id").get_to(a.id);
  j.at("at").get_to(a.at);
  a.user_id = read_nullable<int64_t>(j, "user_id");
  j.at("action").get_to(a.action);
  a.detail = j.at("detail").dump();
}

void to_json(json& j, const Submission& s) {
  j = {{"id", s.id},
       {"user", s.user_name},
       {"problem", s.problem_slug},
       {"problem_version", s.problem_version},
       {"code_hash", s.code_hash},
       {"file_name", s.file_name},
       {"mode", s.mode},
       {"gpu", s.gpu},
       {"note", s.note},
       {"created_at", s.created_at},
       {"status", s.status},
       {"verdict", s.verdict.empty() ? json(nullptr) : json(s.verdict)},
       {"message", s.message},
       {"score_seconds", nullable(s.score_seconds)},
       {"sol_fraction", nullable(s.sol_fraction)},
       {"counts", s.counts},
       {"disqualified", s.disqualified}};
}

void from_json(const json& j, Submission& s) {
  j.at("id").get_to(s.id);
  j.at("user").get_to(s.user_name);
  j.at("problem").get_to(s.problem_slug);
  j.at("problem_version").get_to(s.problem_version);
  j.at("code_hash").get_to(s.code_hash);
  j.at("file_name").get_to(s.file_name);
  j.at("mode").get_to(s.mode);
  j.at("gpu").get_to(s.gpu);
  j.at("note").get_to(s.note);
  j.at("created_at").get_to(s.created_at);
  j.at("status").get_to(s.status);
  s.verdict = read_nullable<std::string>(j, "verdict").value_or("");
  j.at("message").get_to(s.message);
  s.score_seconds = read_nullable<double>(j, "score_seconds");
  s.sol_fraction = read_nullable<double>(j, "sol_fraction");
  j.at("counts").get_to(s.counts);
  j.at("disqualified").get_to(s.disqualified);
}

void to_json(json& j, const Run& r) {
  j = {{"id", r.id},
       {"phase", r.phase},
       {"verdict", r.verdict},
       {"message", r.message},
       {"score_seconds", nullable(r.score_seconds)},
       {"sol_fraction", nullable(r.sol_fraction)},
       {"device", r.device_name},
       {"driver", r.driver},
       {"sm_clock_mhz", r.sm_clock_mhz},
       {"created_at", r.created_at},
       {"report", parsed(r.report_json)}};
}

void from_json(const json& j, Run& r) {
  j.at("id").get_to(r.id);
  j.at("phase").get_to(r.phase);
  j.at("verdict").get_to(r.verdict);
  j.at("message").get_to(r.message);
  r.score_seconds = read_nullable<double>(j, "score_seconds");
  r.sol_fraction = read_nullable<double>(j, "sol_fraction");
  j.at("device").get_to(r.device_name);
  j.at("driver").get_to(r.driver);
  r.sm_clock_mhz = j.value("sm_clock_mhz", 0);
  r.created_at = j.value("created_at", Millis{0});
  r.report_json = j.at("report").dump();
}

// ---- problems, leaderboards ----------------------------------------------------------------------

void to_json(json& j, const ProblemSummary& p) {
  j = {{"slug", p.slug},
       {"title", p.title},
       {"backend", p.backend},
       {"version", p.version},
       {"ranking", p.ranking},
       {"deadline", nullable(p.deadline)},
       {"competitors", p.competitors},
       {"gpus", p.gpus}};
}

void from_json(const json& j, ProblemSummary& p) {
  j.at("slug").get_to(p.slug);
  j.at("title").get_to(p.title);
  j.at("backend").get_to(p.backend);
  j.at("version").get_to(p.version);
  j.at("ranking").get_to(p.ranking);
  p.deadline = read_nullable<Millis>(j, "deadline");
  j.at("competitors").get_to(p.competitors);
  j.at("gpus").get_to(p.gpus);
}

void to_json(json& j, const CaseInfo& c) {
  j = {{"name", c.name}};
  if (!c.sol.empty()) j["sol"] = c.sol;
}

void from_json(const json& j, CaseInfo& c) {
  j.at("name").get_to(c.name);
  if (j.contains("sol")) j.at("sol").get_to(c.sol);
}

void to_json(json& j, const ProblemPage& p) {
  j = p.summary;
  j["signature"] = p.signature;
  j["description"] = p.description;
  j["cases"] = {{"test", p.test_cases}, {"benchmark", p.benchmark_cases}};
}

void from_json(const json& j, ProblemPage& p) {
  j.get_to(p.summary);
  j.at("signature").get_to(p.signature);
  j.at("description").get_to(p.description);
  j.at("cases").at("test").get_to(p.test_cases);
  j.at("cases").at("benchmark").get_to(p.benchmark_cases);
}

std::vector<LeaderboardCase> timed_cases(const EvalReport& report) {
  std::vector<LeaderboardCase> cases;
  for (const auto& c : report.cases)
    if (c.timing) cases.push_back({c.name, c.timing->summary.mean, c.sol_seconds});
  return cases;
}

LeaderboardRow leaderboard_row(const LeaderboardEntry& entry) {
  LeaderboardRow row{entry.rank, entry.user_name, entry.submission_id, entry.score_seconds, entry.sol_fraction, {}, entry.submitted_at};
  if (!entry.ranked_report_json.empty()) row.cases = timed_cases(json::parse(entry.ranked_report_json).get<EvalReport>());
  return row;
}

void to_json(json& j, const LeaderboardCase& c) {
  j = {{"name", c.name}, {"mean_seconds", c.mean_seconds}, {"sol_seconds", nullable(c.sol_seconds)}};
}

void from_json(const json& j, LeaderboardCase& c) {
  j.at("name").get_to(c.name);
  j.at("mean_seconds").get_to(c.mean_seconds);
  c.sol_seconds = read_nullable<double>(j, "sol_seconds");
}

void to_json(json& j, const LeaderboardRow& r) {
  j = {{"rank", r.rank},
       {"user", r.user},
       {"submission", r.submission},
       {"score_seconds", r.score_seconds},
       {"sol_fraction", nullable(r.sol_fraction)},
       {"cases", r.cases},
       {"submitted_at", r.submitted_at}};
}

void from_json(const json& j, LeaderboardRow& r) {
  j.at("rank").get_to(r.rank);
  j.at("user").get_to(r.user);
  j.at("submission").get_to(r.submission);
  j.at("score_seconds").get_to(r.score_seconds);
  r.sol_fraction = read_nullable<double>(j, "sol_fraction");
  j.at("cases").get_to(r.cases);
  j.at("submitted_at").get_to(r.submitted_at);
}

void to_json(json& j, const Leaderboard& l) {
  j = {{"problem", l.problem}, {"gpu", l.gpu}, {"ranking", l.ranking}, {"entries", l.entries}};
}

void from_json(const json& j, Leaderboard& l) {
  j.at("problem").get_to(l.problem);
  j.at("gpu").get_to(l.gpu);
  j.at("ranking").get_to(l.ranking);
  j.at("entries").get_to(l.entries);
}

// ---- submissions ---------------------------------------------------------------------------------

void to_json(json& j, const SubmitRequest& s) {
  j = {{"problem", s.problem}, {"code", s.code}, {"mode", s.mode}, {"note", s.note}};
  if (!s.file_name.empty()) j["file_name"] = s.file_name;
  if (!s.gpu.empty()) j["gpu"] = s.gpu;
}

void from_json(const json& j, SubmitRequest& s) {
  s.problem = required_field<std::string>(j, "problem");
  s.code = required_field<std::string>(j, "code");
  s.mode = required_field<std::string>(j, "mode");
  s.file_name = optional_field<std::string>(j, "file_name").value_or("");
  s.gpu = optional_field<std::string>(j, "gpu").value_or("");
  s.note = optional_field<std::string>(j, "note").value_or("");
}

void to_json(json& j, const SubmitReply& s) { j = {{"submission", s.submission}, {"queue_position", s.queue_position}}; }

void from_json(const json& j, SubmitReply& s) {
  j.at("submission").get_to(s.submission);
  j.at("queue_position").get_to(s.queue_position);
}

void to_json(json& j, const SubmissionPage& p) {
  j = {{"submission", p.submission}, {"runs", p.runs}};
  if (p.code) j["code"] = *p.code;
}

void from_json(const json& j, SubmissionPage& p) {
  j.at("submission").get_to(p.submission);
  j.at("runs").get_to(p.runs);
  p.code = read_nullable<std::string>(j, "code");
}

void to_json(json& j, const StatusEvent& e) {
  j = {{"status", e.status}};
  if (e.queue_position) j["queue_position"] = *e.queue_position;
}

void from_json(const json& j, StatusEvent& e) {
  j.at("status").get_to(e.status);
  e.queue_position = read_nullable<int>(j, "queue_position");
}

// ---- users and tokens ----------------------------------------------------------------------------

void to_json(json& j, const NewTokenReply& t) { j = {{"token", t.token}, {"id", t.id}, {"prefix", t.prefix}}; }

void from_json(const json& j, NewTokenReply& t) {
  j.at("token").get_to(t.token);
  j.at("id").get_to(t.id);
  j.at("prefix").get_to(t.prefix);
}

// ---- workers -------------------------------------------------------------------------------------

void to_json(json& j, const LeaseRequest& l) { j = {{"worker", l.worker}, {"gpus", l.gpus}, {"unhealthy", l.unhealthy}}; }

void from_json(const json& j, LeaseRequest& l) {
  l.worker = required_field<std::string>(j, "worker");
  l.gpus = required_field<std::vector<std::string>>(j, "gpus");
  if (j.contains("unhealthy")) l.unhealthy = required_field<std::map<std::string, std::string>>(j, "unhealthy");
}

void to_json(json& j, const Lease& l) {
  j = {{"job", {{"id", l.job_id}, {"lease_id", l.lease_id}, {"lease_ms", l.lease_ms}, {"attempt", l.attempt}}},
       {"submission", {{"id", l.submission_id}, {"mode", l.mode}, {"gpu", l.gpu}, {"file_name", l.file_name}, {"code", l.code}}},
       {"problem", {{"slug", l.problem_slug}, {"version", l.problem_version}, {"hash", l.problem_hash}, {"files", l.problem_files}}}};
  if (l.secret_seed) j["secret_seed"] = *l.secret_seed;
}

void from_json(const json& j, Lease& l) {
  const auto& job = j.at("job");
  job.at("id").get_to(l.job_id);
  job.at("lease_id").get_to(l.lease_id);
  job.at("lease_ms").get_to(l.lease_ms);
  job.at("attempt").get_to(l.attempt);
  const auto& s = j.at("submission");
  s.at("id").get_to(l.submission_id);
  s.at("mode").get_to(l.mode);
  s.at("gpu").get_to(l.gpu);
  s.at("file_name").get_to(l.file_name);
  s.at("code").get_to(l.code);
  const auto& p = j.at("problem");
  p.at("slug").get_to(l.problem_slug);
  p.at("version").get_to(l.problem_version);
  p.at("hash").get_to(l.problem_hash);
  p.at("files").get_to(l.problem_files);
  l.secret_seed = read_nullable<std::string>(j, "secret_seed");
}

void to_json(json& j, const PhaseReport& p) { j = {{"phase", p.phase}, {"report", p.report}}; }

void from_json(const json& j, PhaseReport& p) {
  p.phase = required_field<std::string>(j, "phase");
  const auto report = required_field<json>(j, "report");
  try {
    report.get_to(p.report);
  } catch (const std::exception& e) {
    throw FieldError("the report of phase '" + p.phase + "' is not a podium.eval/1 report: " + e.what());
  }
}

void to_json(json& j, const JobResultPost& r) { j = {{"lease_id", r.lease_id}, {"runs", r.runs}}; }

void from_json(const json& j, JobResultPost& r) {
  r.lease_id = required_field<std::string>(j, "lease_id");
  if (!j.contains("runs") || !j.at("runs").is_array()) throw FieldError("field 'runs' must be an array of {phase, report}");
  r.runs.clear();
  for (const auto& run : j.at("runs")) r.runs.push_back(run.get<PhaseReport>());
}

}  // namespace podium
