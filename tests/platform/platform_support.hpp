// What the end-to-end tests run: the real podium binary as a server, as workers and as the client,
// each a process of its own talking real HTTP on 127.0.0.1. A Platform owns a temporary directory
// (store, configuration, problems, logs), a server on a free port and the users alice and bob
// (competitors) and runner (a worker); it kills whatever it started when the test ends.
#pragma once

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <list>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "eval/problem_loader.hpp"
#include "integration/test_support.hpp"
#include "runner/http_client.hpp"
#include "runner/process.hpp"

namespace podium::platform_testing {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

using podium::testing::source_path;

// A port of 127.0.0.1 that was free a moment ago.
inline int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

// Polls `done` every 50 ms until it holds or `timeout` passes; returns whether it held.
inline bool eventually(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(50ms);
  }
  return done();
}

// The podium binary running in the background, its stdout and stderr going to a log file.
class Background {
 public:
  // `environment`: variables set for it (NAME, value).
  Background(const std::vector<std::string>& args, fs::path log, const std::vector<std::pair<std::string, std::string>>& environment = {})
      : log_(std::move(log)) {
    std::vector<std::string> argv{PODIUM_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    pid_ = fork();
    if (pid_ == 0) {
      for (const auto& [name, value] : environment) setenv(name.c_str(), value.c_str(), 1);
      const int fd = open(log_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      dup2(fd, 1);
      dup2(fd, 2);
      if (chdir(PODIUM_SOURCE_DIR) != 0) _exit(127);
      std::vector<char*> raw;
      for (auto& a : argv) raw.push_back(a.data());
      raw.push_back(nullptr);
      execv(raw[0], raw.data());
      _exit(127);
    }
  }
  ~Background() { kill9(); }
  Background(const Background&) = delete;
  Background& operator=(const Background&) = delete;

  void kill9() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = 0;
  }
  void signal(int sig) const { kill(pid_, sig); }
  std::string log() const { return fs::exists(log_) ? read_text_file(log_) : ""; }

 private:
  fs::path log_;
  pid_t pid_ = 0;
};

class Platform {
 public:
  // A problem the server serves: its directory in the source tree and the slug (SET/NAME) it gets.
  struct ServedProblem {
    std::string source;
    std::string slug;
  };

  explicit Platform(const std::vector<ServedProblem>& problems) {
    std::string templ = (fs::temp_directory_path() / "podium-platform-XXXXXX").string();
    dir_ = mkdtemp(templ.data());
    setenv("PODIUM_CONFIG_DIR", (dir_ / "config").c_str(), 1);
    setenv("PODIUM_DATA_DIR", (dir_ / "data").c_str(), 1);
    // The compile cache is shared by every test run (entries are renamed into place, so sharing is
    // safe) so that the tests pay for compiling each file once.
    setenv("PODIUM_CACHE_DIR", PODIUM_TEST_CACHE_DIR, 1);
    unsetenv("PODIUM_SERVER");
    unsetenv("PODIUM_TOKEN");
    for (const auto& p : problems) {
      const fs::path target = dir_ / "problems" / p.slug;
      fs::create_directories(target.parent_path());
      fs::copy(source_path(p.source), target, fs::copy_options::recursive);
    }
    port_ = free_port();
    start_server();
    runner_token_ = add_user("runner", "worker");
    alice_token_ = add_user("alice", "competitor");
    bob_token_ = add_user("bob", "competitor");
  }
  ~Platform() {
    workers_.clear();
    server_.reset();
    fs::remove_all(dir_);
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::string& alice() const { return alice_token_; }
  const std::string& bob() const { return bob_token_; }
  const fs::path& dir() const { return dir_; }

  // podium serve on the same store and port as before, and waits until it answers.
  void start_server() {
    server_ = std::make_unique<Background>(std::vector<std::string>{"serve", "--no-worker", "--db", (dir_ / "podium.db").string(), "--listen",
                                                                    "127.0.0.1:" + std::to_string(port_), "--lease-seconds", "3",
                                                                    "--problems", (dir_ / "problems").string()},
                                           dir_ / "server.log");
    HttpClient client(url(), "");
    const bool up = eventually(
        [&] {
          try {
            return client.get("/api/v1/health").status == 200;
          } catch (const ConnectionError&) {
            return false;
          }
        },
        30s);
    ASSERT_TRUE(up) << "the server did not come up:\n" << server_->log();
  }
  void kill_server() { server_->kill9(); }
  std::string server_log() const { return server_->log(); }

  // A podium worker process for the given models; its log is worker-NAME.log.
  Background& start_worker(const std::string& name, const std::vector<std::string>& gpus = {"cpu"},
                           const std::vector<std::pair<std::string, std::string>>& environment = {}) {
    std::vector<std::string> args{"worker", "--server", url(), "--token", runner_token_, "--name", name};
    for (const auto& gpu : gpus) {
      args.push_back("--gpu");
      args.push_back(gpu);
    }
    return workers_.emplace_back(args, dir_ / ("worker-" + name + ".log"), environment);
  }

  // A podium command run to its end, from the source tree.
  ProcessResult podium(std::vector<std::string> args, double timeout_seconds = 120) const {
    args.insert(args.begin(), PODIUM_BINARY);
    return run_process(args, PODIUM_SOURCE_DIR, timeout_seconds);
  }

  // podium submit as a user, of a file in the source tree.
  ProcessResult submit(const std::string& token, const std::string& file, const std::string& problem, const std::string& mode,
                       std::vector<std::string> extra = {}) const {
    std::vector<std::string> args{"submit", file, "--problem", problem, "--mode", mode, "--server", url(), "--token", token};
    args.insert(args.end(), extra.begin(), extra.end());
    return podium(args);
  }

  // Submits without waiting and returns the submission's id.
  int64_t enqueue(const std::string& token, const std::string& file, const std::string& problem, const std::string& mode) const {
    const auto r = submit(token, file, problem, mode, {"--no-wait", "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return nlohmann::json::parse(r.output).at("submission").at("id").get<int64_t>();
  }

  // GET /api/v1/submissions/ID as the given user.
  nlohmann::json submission(const std::string& token, int64_t id) const {
    return HttpClient(url(), token).get_json("/api/v1/submissions/" + std::to_string(id));
  }
  std::string status_of(const std::string& token, int64_t id) const {
    try {
      return submission(token, id).at("submission").at("status").get<std::string>();
    } catch (const ConnectionError&) {
      return "unreachable";
    }
  }
  bool finished(const std::string& token, int64_t id) const {
    const auto s = status_of(token, id);
    return s == "done" || s == "failed";
  }

 private:
  // podium admin user add + token create, straight on the store; returns the token.
  std::string add_user(const std::string& name, const std::string& role) {
    const std::string db = (dir_ / "podium.db").string();
    const auto added = podium({"admin", "user", "add", name, "--role", role, "--db", db});
    EXPECT_EQ(added.exit_code, 0) << added.output;
    const auto made = podium({"admin", "token", "create", name, "--db", db});
    EXPECT_EQ(made.exit_code, 0) << made.output;
    // stdout holds the token alone; stderr a sentence about it.
    std::string line;
    for (size_t start = 0; start < made.output.size();) {
      const size_t end = std::min(made.output.find('\n', start), made.output.size());
      const std::string candidate = made.output.substr(start, end - start);
      if (!candidate.empty() && candidate.find(' ') == std::string::npos) line = candidate;
      start = end + 1;
    }
    EXPECT_FALSE(line.empty()) << made.output;
    return line;
  }

  fs::path dir_;
  int port_ = 0;
  std::unique_ptr<Background> server_;
  std::list<Background> workers_;
  std::string runner_token_, alice_token_, bob_token_;
};

}  // namespace podium::platform_testing
