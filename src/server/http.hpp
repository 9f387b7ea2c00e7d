// What every request handler shares: the server's state, one request in flight (Call), and ApiError,
// the exception a handler throws to answer with one of docs/api.md's error codes. The route table
// (server.cpp) turns ApiError, StoreError and everything else into the JSON error reply.
#pragma once

#include <httplib.h>

#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>

#include "core/problem.hpp"
#include "server/json.hpp"
#include "server/server.hpp"
#include "store/store.hpp"

namespace podium {

// An error reply: status, code and message as in docs/api.md's table. (A FieldError, json.hpp, is
// answered as 400 bad_request too.)
class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, const std::string& message)
      : std::runtime_error(message), status(status), code(std::move(code)) {}
  int status;
  std::string code;
  std::optional<int> retry_after_seconds;  // 429: when the caller may try again
};

// Workers this process has heard from (GET /health).
class WorkerRegistry {
 public:
  void seen(const std::string& name, const std::vector<std::string>& gpus, const std::map<std::string, std::string>& unhealthy,
            Millis now);
  void seen(const std::string& name, Millis now);  // a heartbeat: the GPUs are those of its last lease
  std::vector<WorkerSeen> list() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, WorkerSeen> workers_;
};

// A problem version's files and parsed spec. Versions never change, so each is read once per process.
struct ProblemContent {
  std::map<std::string, std::string> files;
  ProblemSpec spec;
};

class ProblemContents {
 public:
  std::shared_ptr<const ProblemContent> get(Store& store, const ProblemRecord& problem);

 private:
  std::mutex mutex_;
  std::map<std::pair<int64_t, int>, std::shared_ptr<const ProblemContent>> cache_;
};

struct ServerState {
  Store& store;
  ServerOptions options;
  WorkerRegistry workers;
  ProblemContents contents;
};

// One request: its parameters, its caller and its reply.
class Call {
 public:
  Call(ServerState& server, const httplib::Request& request, httplib::Response& response);

  ServerState& server;
  Store& store;
  const httplib::Request& request;
  httplib::Response& response;
  const Millis now;

  // The caller named by the Bearer token; 401 unauthenticated without a valid one.
  const User& user();
  // The caller, who must satisfy `rule` (auth.hpp); 403 forbidden saying `needs` otherwise.
  const User& user_who(bool (*rule)(const User&), const std::string& needs);

  // The body as a JSON object (400 bad_request otherwise), or decoded into T by its from_json (whose
  // FieldError, like any other, the route table answers with 400 bad_request).
  nlohmann::json body() const;
  template <class T>
  T body_as() const {
    return body().get<T>();
  }

  // The route pattern's capture `index` (1-based); as an id, 404 not_found unless it is one.
  std::string path(size_t index) const;
  int64_t path_id(size_t index, const std::string& what) const;
  std::optional<std::string> query(const std::string& name) const;
  // An integer query parameter in [min, max]; 400 bad_request otherwise.
  int64_t query_int(const std::string& name, int64_t fallback, int64_t min, int64_t max) const;

  void reply(int status, const nlohmann::json& body);
  void reply_text(const std::string& text, const std::string& content_type);

  // The store lookups every handler needs, as 404s with the code docs/api.md gives them.
  ProblemRecord problem(const std::string& slug);
  Submission submission(int64_t id);
  User user_named(const std::string& name);

  // An audit-log entry for what the caller did.
  void audit(const std::string& action, const nlohmann::json& detail);

 private:
  std::optional<User> user_;
};

// The model a submission or leaderboard of this problem is on: "cpu" for CPU problems; for CUDA
// problems the requested model, or the server's default when none is requested. 400 bad_request for
// a model the catalogue does not know, or a GPU for a CPU problem.
std::string judged_gpu(const ServerState& server, const ProblemRecord& problem, const std::string& requested);

}  // namespace podium
