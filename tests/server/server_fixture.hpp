// The server tests' world. RunningServer: a Server on a free port of 127.0.0.1, in a thread of this
// process, reached over real HTTP (cpp-httplib's client); EventWatcher: a live event stream read in
// the background; report(): the podium.eval/1 reports a worker would post. ServerTest puts them
// together: a temporary directory with a SQLite store and two problems (a CPU one and a CUDA one,
// copied from the bundled library), users of every role with tokens, and a clock the tests can move
// forward.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "core/report.hpp"
#include "integration/test_support.hpp"
#include "server/auth.hpp"
#include "server/json.hpp"
#include "server/problem_import.hpp"
#include "server/server.hpp"
#include "store/store.hpp"

namespace podium::testing {

namespace fs = std::filesystem;
using json = nlohmann::json;

// Copies the bundled problem "set/name" into problems_dir/set/name.
inline void copy_problem(const std::string& slug, const fs::path& problems_dir) {
  fs::create_directories(problems_dir / slug);
  fs::copy(source_path("problems/" + slug), problems_dir / slug, fs::copy_options::recursive);
}

struct Reply {
  int status = 0;
  json body;
  std::string text;
  std::string retry_after;
  // The error code of an error reply ("" otherwise).
  std::string code() const { return body.is_object() && body.contains("error") ? body["error"].value("code", "") : ""; }
  std::string message() const { return body.is_object() && body.contains("error") ? body["error"].value("message", "") : ""; }
};

// ---- reports a worker would post ----------------------------------------------------------------

// A podium.eval/1 report of one phase: one case per mean time (seconds), each with its speed of
// light when `sols` has one, and the score the evaluator would give (geometric mean).
inline EvalReport report(const std::string& phase, Verdict verdict, std::vector<double> means = {},
                         std::vector<double> sols = {}) {
  EvalReport r;
  r.problem = "vector-sum";
  r.mode = phase;
  r.solution = "solution.cpp";
  r.verdict = verdict;
  r.message = verdict == Verdict::accepted ? "" : "output[3] = 1.5, expected 2.5";
  r.device = {"cpu", "test CPU", "none", 1, 0, 0, 0};
  r.compile.ok = true;
  r.ranking = "geomean";
  const bool timed = phase != "test";
  if (!timed) means = {0};
  double log_sum = 0;
  for (size_t i = 0; i < means.size(); ++i) {
    CaseResult c;
    c.set = phase;
    c.index = i;
    c.name = "n=" + std::to_string(1000 * (i + 1));
    c.seed = 12345 + i;
    c.passed = verdict == Verdict::accepted;
    if (timed) {
      Timing t;
      t.summary.count = 10;
      t.summary.mean = t.summary.median = t.summary.min = t.summary.max = means[i];
      c.timing = t;
      log_sum += std::log(means[i]);
    }
    if (i < sols.size()) c.sol_seconds = sols[i];
    r.cases.push_back(c);
  }
  if (timed && !means.empty() && verdict == Verdict::accepted) r.score_seconds = std::exp(log_sum / static_cast<double>(means.size()));
  return r;
}

// The three accepted phases of a leaderboard submission whose ranked cases took `means`.
inline std::vector<PhaseReport> leaderboard_runs(std::vector<double> means, std::vector<double> sols = {}) {
  return {{"test", report("test", Verdict::accepted)},
          {"benchmark", report("benchmark", Verdict::accepted, means, sols)},
          {"ranked", report("ranked", Verdict::accepted, means, sols)}};
}

inline httplib::Headers auth(const std::string& token) {
  if (token.empty()) return {};
  return {{"Authorization", "Bearer " + token}};
}

inline Reply reply_of(const httplib::Result& r) {
  Reply out;
  if (!r) {
    out.status = -1;
    out.text = "no reply: " + httplib::to_string(r.error());
    return out;
  }
  out.status = r->status;
  out.text = r->body;
  out.body = json::parse(r->body, nullptr, false);
  out.retry_after = r->get_header_value("Retry-After");
  return out;
}

// A Server on a free port of 127.0.0.1, serving from a thread of this process until destroyed.
class RunningServer {
 public:
  RunningServer(Store& store, ServerOptions options) : server_(store, std::move(options)) {
    port_ = server_.bind("127.0.0.1", 0);
    thread_ = std::thread([this] { server_.run(); });
  }
  ~RunningServer() {
    server_.stop();
    thread_.join();
  }

  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(std::chrono::seconds(10));
    return c;
  }
  Reply get(const std::string& path, const std::string& token = "") const { return reply_of(client().Get(path.c_str(), auth(token))); }
  Reply post_text(const std::string& path, const std::string& body, const std::string& token = "") const {
    return reply_of(client().Post(path.c_str(), auth(token), body, "application/json"));
  }
  Reply post(const std::string& path, const json& body, const std::string& token = "") const { return post_text(path, body.dump(), token); }
  Reply patch(const std::string& path, const json& body, const std::string& token = "") const {
    return reply_of(client().Patch(path.c_str(), auth(token), body.dump(), "application/json"));
  }
  Reply del(const std::string& path, const std::string& token = "") const { return reply_of(client().Delete(path.c_str(), auth(token))); }

 private:
  Server server_;
  int port_ = 0;
  std::thread thread_;
};

// A live stream of server-sent events, read by a thread of its own into a text the test can wait on.
class EventWatcher {
 public:
  EventWatcher(const RunningServer& server, const std::string& path, const std::string& token) {
    thread_ = std::thread([this, &server, path, token] {
      auto c = server.client();
      c.Get(path.c_str(), auth(token), [this](const char* data, size_t size) {
        std::lock_guard lock(mutex_);
        text_.append(data, size);
        return true;
      });
    });
  }
  ~EventWatcher() { finish(); }

  // Whether `what` appeared in the stream within 5 s.
  bool wait_for(const std::string& what) const {
    for (int i = 0; i < 500; ++i) {
      if (text().find(what) != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }
  // Waits for the stream to end (the server ends it after `done`).
  void finish() {
    if (thread_.joinable()) thread_.join();
  }
  std::string text() const {
    std::lock_guard lock(mutex_);
    return text_;
  }
  // The events so far, in order: (event name, data).
  std::vector<std::pair<std::string, json>> events() const {
    std::vector<std::pair<std::string, json>> events;
    const std::string all = text();
    size_t at = 0;
    for (size_t end; (end = all.find("\n\n", at)) != std::string::npos; at = end + 2) {
      const auto block = all.substr(at, end - at);
      const auto data = block.find("\ndata: ");
      if (!block.starts_with("event: ") || data == std::string::npos) continue;
      events.emplace_back(block.substr(7, data - 7), json::parse(block.substr(data + 7)));
    }
    return events;
  }

 private:
  mutable std::mutex mutex_;
  std::string text_;
  std::thread thread_;
};

class ServerTest : public ::testing::Test {
 protected:
  static constexpr const char* kCpuProblem = "cpu/vector-sum";
  static constexpr const char* kCudaProblem = "tensara/vector-addition";
  static constexpr Millis kLeaseMs = 2000;
  static constexpr int kRateLimit = 4;

  void SetUp() override {
    copy_problem("cpu/vector-sum", problems_dir());
    copy_problem("tensara/vector-addition", problems_dir());
    store_ = open_store((dir_.path() / "podium.db").string());
    const auto imported = import_problems(*store_, problems_dir(), now());
    ASSERT_TRUE(imported.errors.empty()) << imported.errors.front();
    for (const auto& [name, role] : std::map<std::string, UserRole>{{"admin", UserRole::admin},
                                                                     {"olga", UserRole::organizer},
                                                                     {"alice", UserRole::competitor},
                                                                     {"bob", UserRole::competitor},
                                                                     {"worker", UserRole::worker}})
      tokens_[name] = make_token(store_->add_user(name, role, now()));

    ServerOptions options;
    options.rate_limit_per_hour = kRateLimit;
    options.lease_ms = kLeaseMs;
    options.event_poll_ms = 20;
    options.clock = [this] { return now(); };
    server_ = std::make_unique<RunningServer>(*store_, options);
  }

  void TearDown() override {
    server_.reset();
    store_.reset();
  }

  // ---- the world ----------------------------------------------------------------------------------

  fs::path problems_dir() const { return dir_.path() / "problems"; }
  Store& store() { return *store_; }
  Millis now() const { return system_now() + offset_ms_.load(); }
  // Moves the server's clock (and the tests') forward.
  void advance(Millis ms) { offset_ms_ += ms; }
  const std::string& token(const std::string& user) { return tokens_.at(user); }

  std::string make_token(const User& user) {
    const auto t = generate_token();
    store_->add_token(user.id, t.hash, t.prefix, "test", now());
    return t.token;
  }

  // ---- HTTP, to the one server ------------------------------------------------------------------

  httplib::Client client() const { return server_->client(); }
  Reply get(const std::string& path, const std::string& token = "") const { return server_->get(path, token); }
  Reply post_text(const std::string& path, const std::string& body, const std::string& token = "") const {
    return server_->post_text(path, body, token);
  }
  Reply post(const std::string& path, const json& body, const std::string& token = "") const { return server_->post(path, body, token); }
  Reply patch(const std::string& path, const json& body, const std::string& token = "") const { return server_->patch(path, body, token); }
  Reply del(const std::string& path, const std::string& token = "") const { return server_->del(path, token); }

  const RunningServer& server() const { return *server_; }

  // ---- competitor and worker actions --------------------------------------------------------------

  static std::string solution_code() { return "extern \"C\" void solution(const float* in, float* out, size_t n) { out[0] = 0; }\n"; }

  Reply submit(const std::string& user, const std::string& mode, const std::string& problem = kCpuProblem, json extra = json::object()) {
    json body = {{"problem", problem}, {"code", solution_code()}, {"mode", mode}};
    body.update(extra);
    return post("/api/v1/submissions", body, token(user));
  }

  // Submits and returns the new submission's id (the submission must be accepted).
  int64_t submit_ok(const std::string& user, const std::string& mode, const std::string& problem = kCpuProblem) {
    const auto r = submit(user, mode, problem);
    EXPECT_EQ(r.status, 201) << r.text;
    return r.status == 201 ? r.body["submission"]["id"].get<int64_t>() : 0;
  }

  Reply lease(const std::vector<std::string>& gpus = {"cpu"}, const std::string& name = "test-worker") {
    return post("/api/v1/worker/lease", {{"worker", name}, {"gpus", gpus}}, token("worker"));
  }

  Reply post_result(int64_t job, const std::string& lease_id, const std::vector<PhaseReport>& runs) {
    return post("/api/v1/worker/jobs/" + std::to_string(job) + "/result", JobResultPost{lease_id, runs}, token("worker"));
  }

  // Leases the next job (it must be `submission`'s) and posts `runs` as its result.
  Reply run_job(int64_t submission, const std::vector<PhaseReport>& runs) {
    const auto l = lease();
    EXPECT_EQ(l.status, 200) << l.text;
    if (l.status != 200) return l;
    const auto leased = l.body.get<Lease>();
    EXPECT_EQ(leased.submission_id, submission);
    return post_result(leased.job_id, leased.lease_id, runs);
  }

  // Moves the clock past the lease and waits for the server's expiry thread to hand the job back.
  void expire_lease(int64_t job) {
    advance(kLeaseMs + 1);
    for (int i = 0; i < 300; ++i) {
      const auto j = store_->find_job(job);
      if (j && j->state != JobState::leased) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    FAIL() << "the lease of job " << job << " did not expire";
  }

 private:
  TempDir dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<RunningServer> server_;
  std::atomic<Millis> offset_ms_{0};
  std::map<std::string, std::string> tokens_;
};

}  // namespace podium::testing
