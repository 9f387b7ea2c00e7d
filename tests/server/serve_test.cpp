// The podium binary's serve and admin commands, run as child processes on a temporary store: the
// first admin's token, the client configuration it leaves, stopping on SIGTERM, and the admin
// commands' answers to good and bad input.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <regex>

#include "runner/process.hpp"
#include "server_fixture.hpp"

namespace podium::testing {
namespace {

// `podium serve` in a child process with its output on a pipe.
class ServeProcess {
 public:
  explicit ServeProcess(const std::vector<std::string>& args) {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
    std::vector<std::string> argv{PODIUM_BINARY, "serve"};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> raw;
    for (auto& a : argv) raw.push_back(a.data());
    raw.push_back(nullptr);
    pid_ = fork();
    if (pid_ == 0) {
      dup2(fds[1], 1);
      dup2(fds[1], 2);
      close(fds[0]);
      execv(raw[0], raw.data());
      _exit(127);
    }
    close(fds[1]);
    out_ = fds[0];
  }
  ~ServeProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    close(out_);
  }

  // Reads output until `pattern` matches a line; returns the match ("" after 20 s or at the end).
  std::smatch wait_for(const std::regex& pattern) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    for (;;) {
      size_t nl;
      while ((nl = pending_.find('\n')) != std::string::npos) {
        lines_.push_back(pending_.substr(0, nl));
        pending_.erase(0, nl + 1);
        std::smatch m;
        if (std::regex_search(lines_.back(), m, pattern)) return m;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
      if (left <= 0) return {};
      pollfd p{out_, POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(left)) <= 0) return {};
      char buffer[4096];
      const ssize_t n = read(out_, buffer, sizeof buffer);
      if (n <= 0) return {};
      pending_.append(buffer, static_cast<size_t>(n));
    }
  }

  std::string output() const {
    std::string all;
    for (const auto& l : lines_) all += l + "\n";
    return all + pending_;
  }

  // SIGTERM, then the exit code (-1 when it did not exit normally within 10 s).
  int terminate() {
    kill(pid_, SIGTERM);
    return exit_code();
  }

  // The exit code once it exits by itself (-1 when it did not exit normally within 10 s).
  int exit_code() {
    for (int i = 0; i < 1000; ++i) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = 0;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return -1;
  }

 private:
  pid_t pid_ = 0;
  int out_ = -1;
  std::string pending_;
  std::vector<std::string> lines_;
};

class ServeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    copy_problem("cpu/vector-sum", dir_.path() / "problems");
    setenv("PODIUM_CONFIG_DIR", (dir_.path() / "config").c_str(), 1);
  }
  std::string db() const { return (dir_.path() / "store" / "podium.db").string(); }
  std::vector<std::string> serve_args() const {
    return {"--listen", "127.0.0.1:0", "--no-worker", "--db", db(), "--problems", (dir_.path() / "problems").string()};
  }
  ProcessResult admin(std::vector<std::string> args) {
    std::vector<std::string> argv{PODIUM_BINARY, "admin"};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.push_back("--db");
    argv.push_back(db());
    return run_process(argv, dir_.path().string(), 30);
  }

  TempDir dir_;
};

TEST_F(ServeTest, AFreshStoreGetsAnAdminWhoseTokenWorksAndIsSavedForTheClient) {
  ServeProcess serve(serve_args());
  const auto token = serve.wait_for(std::regex(R"(^\s+(pdm_\S+)$)"));
  ASSERT_FALSE(token.empty()) << serve.output();
  const auto url = serve.wait_for(std::regex(R"(podium serving http://127\.0\.0\.1:(\d+))"));
  ASSERT_FALSE(url.empty()) << serve.output();
  EXPECT_NE(serve.output().find("imported 1 problems"), std::string::npos) << serve.output();

  httplib::Client c("127.0.0.1", std::stoi(url[1]));
  const auto me = c.Get("/api/v1/me", {{"Authorization", "Bearer " + token[1].str()}});
  ASSERT_TRUE(me);
  EXPECT_EQ(json::parse(me->body)["role"], "admin");

  std::ifstream config_file(dir_.path() / "config" / "client.json");
  const auto config = json::parse(config_file);
  EXPECT_EQ(config["token"], token[1].str());
  EXPECT_EQ(config["server"], "http://127.0.0.1:" + url[1].str());
  EXPECT_EQ(fs::status(dir_.path() / "config" / "client.json").permissions() & fs::perms::others_read, fs::perms::none);

  EXPECT_EQ(serve.terminate(), 0) << serve.output();
}

TEST_F(ServeTest, ASecondStartCreatesNoSecondAdmin) {
  {
    ServeProcess first(serve_args());
    ASSERT_FALSE(first.wait_for(std::regex("podium serving")).empty()) << first.output();
    EXPECT_EQ(first.terminate(), 0);
  }
  ServeProcess second(serve_args());
  ASSERT_FALSE(second.wait_for(std::regex("podium serving")).empty()) << second.output();
  EXPECT_EQ(second.output().find("created user admin"), std::string::npos) << second.output();
  EXPECT_NE(second.output().find("0 new, 0 changed"), std::string::npos) << second.output();
  EXPECT_EQ(second.terminate(), 0);
}

TEST_F(ServeTest, BadServeOptionsNameTheOptionAndExitWith2) {
  auto args = serve_args();
  args[1] = "localhost";
  ServeProcess no_port(args);
  EXPECT_FALSE(no_port.wait_for(std::regex("--listen 'localhost'")).empty()) << no_port.output();
  EXPECT_EQ(no_port.exit_code(), 2);

  args = serve_args();
  args.push_back("--default-gpu");
  args.push_back("Z80");
  ServeProcess bad_gpu(args);
  EXPECT_FALSE(bad_gpu.wait_for(std::regex("--default-gpu 'Z80'")).empty()) << bad_gpu.output();
  EXPECT_EQ(bad_gpu.exit_code(), 2);
}

TEST_F(ServeTest, AdminCommandsAddUsersAndMakeAndRevokeTokens) {
  auto r = admin({"user", "add", "carol", "--role", "organizer"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = admin({"user", "list"});
  EXPECT_NE(r.output.find("carol"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("organizer"), std::string::npos);

  r = admin({"token", "create", "carol", "--label", "laptop"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("pdm_"), std::string::npos);
  const auto store = open_store(db());
  const auto tokens = store->list_tokens(store->find_user("carol")->id);
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].label, "laptop");

  r = admin({"token", "revoke", std::to_string(tokens[0].id)});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(store->list_tokens(store->find_user("carol")->id)[0].revoked);
}

TEST_F(ServeTest, AdminCommandsRejectBadInputWithAReasonAndExitCode2) {
  auto r = admin({"user", "add", "dave", "--role", "wizard"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("--role 'wizard'"), std::string::npos) << r.output;
  r = admin({"user", "add", "no/slash"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("'no/slash'"), std::string::npos) << r.output;
  ASSERT_EQ(admin({"user", "add", "erin"}).exit_code, 0);
  r = admin({"user", "add", "erin"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("exists already"), std::string::npos) << r.output;
  r = admin({"token", "create", "nobody"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("no user 'nobody'"), std::string::npos) << r.output;
  r = admin({"token", "revoke", "999"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("999"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace podium::testing
