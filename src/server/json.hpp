// The JSON form of everything the HTTP API sends and receives (docs/api.md): one definition per
// message, used by the server that writes it and by the client commands and workers that read it.
// No HTTP here, so any part of podium can include it.
//
// Store records (User, Token, Submission, Run, Competition, AuditEntry) have to_json/from_json of
// their own; the shapes only the API has (a problem's page, a leaderboard row, a lease, ...) are
// structs below. Optional values are JSON null when absent. Secrets never appear: ProblemRecord has
// no JSON form (its secret seed travels only inside a worker's Lease), and a Token's JSON is its
// metadata, never the token.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "core/report.hpp"
#include "store/store.hpp"

namespace podium {

// ---- reading requests ------------------------------------------------------------------------------

// A field of a request that is missing or of the wrong type; the message names the field.
class FieldError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// The field `name` of a JSON object as a T (std::string, bool, int, int64_t, double,
// std::vector<std::string>, nlohmann::json). required_field throws FieldError when it is absent or
// null; optional_field returns nothing then. Both throw FieldError when it has another type.
template <class T>
std::optional<T> optional_field(const nlohmann::json& object, const std::string& name) {
  if (!object.is_object()) throw FieldError("the body must be a JSON object");
  const auto it = object.find(name);
  if (it == object.end() || it->is_null()) return std::nullopt;
  const auto& v = *it;
  const char* wanted = nullptr;
  if constexpr (std::is_same_v<T, std::string>) {
    if (!v.is_string()) wanted = "a string";
  } else if constexpr (std::is_same_v<T, bool>) {
    if (!v.is_boolean()) wanted = "true or false";
  } else if constexpr (std::is_integral_v<T>) {
    if (!v.is_number_integer()) wanted = "an integer";
  } else if constexpr (std::is_floating_point_v<T>) {
    if (!v.is_number()) wanted = "a number";
  } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
    bool ok = v.is_array();
    for (const auto& e : v) ok = ok && e.is_string();
    if (!ok) wanted = "an array of strings";
  } else if constexpr (std::is_same_v<T, std::map<std::string, std::string>>) {
    bool ok = v.is_object();
    for (const auto& e : v) ok = ok && e.is_string();
    if (!ok) wanted = "an object of strings";
  } else {
    static_assert(std::is_same_v<T, nlohmann::json>, "optional_field: unsupported type");
    if (!v.is_object()) wanted = "an object";
  }
  if (wanted) throw FieldError("field '" + name + "' must be " + wanted + ", not " + v.dump());
  return v.get<T>();
}

template <class T>
T required_field(const nlohmann::json& object, const std::string& name) {
  auto value = optional_field<T>(object, name);
  if (!value) throw FieldError("field '" + name + "' is missing");
  return std::move(*value);
}

// ---- errors --------------------------------------------------------------------------------------

// {"error": {"status": 404, "code": "unknown_problem", "message": "..."}}
struct ApiErrorBody {
  int status = 0;
  std::string code;
  std::string message;
};

// ---- health --------------------------------------------------------------------------------------

struct WorkerSeen {
  std::string name;
  std::vector<std::string> gpus;                 // the models it leases jobs for
  std::map<std::string, std::string> unhealthy;  // models it has but keeps out of service, and why
  Millis last_seen = 0;
};

struct Health {
  std::string status = "ok";
  std::string version;
  std::string engine;
  int schema = 0;
  std::vector<WorkerSeen> workers;  // those that leased or heartbeat through this server process
};

// ---- problems, leaderboards ------------------------------------------------------------------------

// One row of GET /problems.
struct ProblemSummary {
  std::string slug;
  std::string title;
  std::string backend;
  int version = 0;
  std::string ranking;
  std::optional<Millis> deadline;
  int competitors = 0;
  std::vector<std::string> gpus;  // the models it can be judged on ("cpu" for CPU problems)
};

struct CaseInfo {
  std::string name;
  std::map<std::string, double> sol;  // speed-of-light seconds per GPU model (benchmark cases of CUDA problems)
};

// GET /problems/{set}/{name}: the summary's fields plus these.
struct ProblemPage {
  ProblemSummary summary;
  std::string signature;    // the C declaration a solution defines
  std::string description;  // Markdown
  std::vector<CaseInfo> test_cases;
  std::vector<CaseInfo> benchmark_cases;
};

struct LeaderboardCase {
  std::string name;
  double mean_seconds = 0;
  std::optional<double> sol_seconds;
};

struct LeaderboardRow {
  int rank = 0;
  std::string user;
  int64_t submission = 0;
  double score_seconds = 0;
  std::optional<double> sol_fraction;
  std::vector<LeaderboardCase> cases;  // the ranked run's timed cases
  Millis submitted_at = 0;
};

// The row of a store entry, with its cases read from the ranked run's report.
LeaderboardRow leaderboard_row(const LeaderboardEntry& entry);
// The timed cases of a podium.eval/1 report: name, mean and speed of light.
std::vector<LeaderboardCase> timed_cases(const EvalReport& report);

struct Leaderboard {
  std::string problem;
  std::string gpu;
  std::string ranking;
  std::vector<LeaderboardRow> entries;
};

// ---- submissions ---------------------------------------------------------------------------------

// POST /submissions's body.
struct SubmitRequest {
  std::string problem;
  std::string code;
  std::string file_name;  // empty: solution.cu or solution.cpp by the problem's backend
  std::string mode;
  std::string gpu;        // empty: cpu for CPU problems, the server's default GPU for CUDA problems
  std::string note;
};

// POST /submissions's reply.
struct SubmitReply {
  Submission submission;
  int queue_position = 0;
};

// GET /submissions/{id}.
struct SubmissionPage {
  Submission submission;
  std::vector<Run> runs;
  std::optional<std::string> code;  // only where the caller may read it
};

// Server-sent event `status` of GET /submissions/{id}/events.
struct StatusEvent {
  std::string status;
  std::optional<int> queue_position;  // while queued
};

// ---- users and tokens ----------------------------------------------------------------------------

// POST /users/{name}/tokens's reply: the only time the token is shown.
struct NewTokenReply {
  std::string token;
  int64_t id = 0;
  std::string prefix;
};

// ---- workers -------------------------------------------------------------------------------------

struct LeaseRequest {
  std::string worker;
  std::vector<std::string> gpus;
  std::map<std::string, std::string> unhealthy;  // GPU model -> why the worker does not use it now
};

// POST /worker/lease's reply: everything a worker needs to run the job, and nothing else.
struct Lease {
  int64_t job_id = 0;
  std::string lease_id;
  Millis lease_ms = 0;
  int attempt = 1;  // 1 for the first lease of the job, 2 after one expired, ...
  int64_t submission_id = 0;
  std::string mode;  // test | benchmark | leaderboard
  std::string gpu;
  std::string file_name;
  std::string code;
  std::string problem_slug;
  int problem_version = 0;
  std::string problem_hash;
  std::map<std::string, std::string> problem_files;  // relative path -> text
  std::optional<std::string> secret_seed;            // leaderboard jobs only
};

// One phase of a job's result: test, benchmark or ranked, with its report.
struct PhaseReport {
  std::string phase;
  EvalReport report;
};

// POST /worker/jobs/{id}/result's body.
struct JobResultPost {
  std::string lease_id;
  std::vector<PhaseReport> runs;
};

void to_json(nlohmann::json& j, const ApiErrorBody& e);
void from_json(const nlohmann::json& j, ApiErrorBody& e);
void to_json(nlohmann::json& j, const WorkerSeen& w);
void from_json(const nlohmann::json& j, WorkerSeen& w);
void to_json(nlohmann::json& j, const Health& h);
void from_json(const nlohmann::json& j, Health& h);
void to_json(nlohmann::json& j, const User& u);
void from_json(const nlohmann::json& j, User& u);
void to_json(nlohmann::json& j, const Token& t);
void from_json(const nlohmann::json& j, Token& t);
void to_json(nlohmann::json& j, const Competition& c);
void from_json(const nlohmann::json& j, Competition& c);
void to_json(nlohmann::json& j, const AuditEntry& a);
void from_json(const nlohmann::json& j, AuditEntry& a);
void to_json(nlohmann::json& j, const Submission& s);
void from_json(const nlohmann::json& j, Submission& s);
// "report" is the report object itself (report_json parsed), so clients read it as JSON.
void to_json(nlohmann::json& j, const Run& r);
void from_json(const nlohmann::json& j, Run& r);
void to_json(nlohmann::json& j, const ProblemSummary& p);
void from_json(const nlohmann::json& j, ProblemSummary& p);
void to_json(nlohmann::json& j, const CaseInfo& c);
void from_json(const nlohmann::json& j, CaseInfo& c);
void to_json(nlohmann::json& j, const ProblemPage& p);
void from_json(const nlohmann::json& j, ProblemPage& p);
void to_json(nlohmann::json& j, const LeaderboardCase& c);
void from_json(const nlohmann::json& j, LeaderboardCase& c);
void to_json(nlohmann::json& j, const LeaderboardRow& r);
void from_json(const nlohmann::json& j, LeaderboardRow& r);
void to_json(nlohmann::json& j, const Leaderboard& l);
void from_json(const nlohmann::json& j, Leaderboard& l);
void to_json(nlohmann::json& j, const SubmitRequest& s);
void from_json(const nlohmann::json& j, SubmitRequest& s);
void to_json(nlohmann::json& j, const SubmitReply& s);
void from_json(const nlohmann::json& j, SubmitReply& s);
void to_json(nlohmann::json& j, const SubmissionPage& p);
void from_json(const nlohmann::json& j, SubmissionPage& p);
void to_json(nlohmann::json& j, const StatusEvent& e);
void from_json(const nlohmann::json& j, StatusEvent& e);
void to_json(nlohmann::json& j, const NewTokenReply& t);
void from_json(const nlohmann::json& j, NewTokenReply& t);
void to_json(nlohmann::json& j, const LeaseRequest& l);
void from_json(const nlohmann::json& j, LeaseRequest& l);
void to_json(nlohmann::json& j, const Lease& l);
void from_json(const nlohmann::json& j, Lease& l);
void to_json(nlohmann::json& j, const PhaseReport& p);
void from_json(const nlohmann::json& j, PhaseReport& p);
void to_json(nlohmann::json& j, const JobResultPost& r);
void from_json(const nlohmann::json& j, JobResultPost& r);

}  // namespace podium
