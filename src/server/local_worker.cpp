// See local_worker.hpp.
#include "server/local_worker.hpp"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>

#include <fmt/format.h>

#include "runner/process.hpp"

namespace podium {

namespace {

using Clock = std::chrono::steady_clock;

// A child that ran at least this long was healthy: the next restart comes after the shortest pause.
constexpr auto kHealthyRun = std::chrono::seconds(30);
constexpr auto kFirstPause = std::chrono::seconds(1);
constexpr auto kLongestPause = std::chrono::seconds(60);
constexpr auto kTermGrace = std::chrono::seconds(5);

std::string describe_exit(int status) {
  if (WIFEXITED(status)) return fmt::format("exited with code {}", WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return describe_signal(WTERMSIG(status));
  return "stopped";
}

}  // namespace

LocalWorker::LocalWorker(std::vector<std::string> argv, std::vector<std::string> environment,
                         std::function<void(const std::string&)> log)
    : argv_(std::move(argv)), log_(std::move(log)) {
  const auto name_of = [](const std::string& entry) { return entry.substr(0, entry.find('=')); };
  for (char** e = environ; *e; ++e) {
    const std::string entry = *e;
    if (std::none_of(environment.begin(), environment.end(), [&](const std::string& x) { return name_of(x) == name_of(entry); }))
      environment_.push_back(entry);
  }
  environment_.insert(environment_.end(), environment.begin(), environment.end());
  thread_ = std::thread([this] { supervise(); });
}

LocalWorker::~LocalWorker() {
  std::unique_lock lock(mutex_);
  stopping_ = true;
  if (pid_ > 0) kill(pid_, SIGTERM);
  changed_.notify_all();
  if (!changed_.wait_for(lock, kTermGrace, [this] { return pid_ == 0; }) && pid_ > 0) kill(pid_, SIGKILL);
  lock.unlock();
  thread_.join();
}

pid_t LocalWorker::pid() const {
  std::lock_guard lock(mutex_);
  return pid_;
}

int LocalWorker::starts() const {
  std::lock_guard lock(mutex_);
  return starts_;
}

// Forks and execs argv_. The child dies with the thread that forked it (PR_SET_PDEATHSIG), so a
// server killed with SIGKILL leaves no worker behind, and it gets the signal mask of a fresh process.
pid_t LocalWorker::start_child() {
  // Everything the child needs is made before fork: after it, only async-signal-safe calls.
  std::vector<char*> args, env;
  for (const auto& a : argv_) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  for (const auto& e : environment_) env.push_back(const_cast<char*>(e.c_str()));
  env.push_back(nullptr);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) _exit(1);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    execve(args[0], args.data(), env.data());
    _exit(127);
  }
  return pid;
}

void LocalWorker::supervise() {
  auto pause = kFirstPause;
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      // Forked under the lock, so the destructor either sees the pid or has stopped us first.
      pid_ = start_child();
      if (pid_ < 0) {
        pid_ = 0;
        log_(fmt::format("local worker: cannot start {}: {}", argv_[0], std::strerror(errno)));
      } else {
        ++starts_;
      }
    }
    const auto started = Clock::now();
    int status = 0;
    pid_t child;
    {
      std::lock_guard lock(mutex_);
      child = pid_;
    }
    if (child > 0) {
      while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
      }
    }
    std::unique_lock lock(mutex_);
    pid_ = 0;
    changed_.notify_all();
    if (stopping_) return;
    pause = Clock::now() - started >= kHealthyRun ? kFirstPause : std::min(pause * 2, kLongestPause);
    if (child > 0) log_(fmt::format("local worker {}; starting it again in {} s", describe_exit(status), pause.count()));
    changed_.wait_for(lock, pause, [this] { return stopping_; });
  }
}

}  // namespace podium
