// Child processes with limits. See process.hpp.
//
// The child gets its own process group so that a compiler that forks helpers (nvcc runs cicc, ptxas,
// the host compiler) is killed whole at the time limit. Between fork and exec the child makes only
// async-signal-safe calls (the parent may have other threads, whose locks the child inherits held);
// everything it needs is prepared before the fork. When the program cannot be started, the child
// says why through a close-on-exec pipe, which the parent turns into an exception.
#include "runner/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fmt/format.h>
#include <stdexcept>

namespace podium {
namespace {

// What the child reports when it cannot start the program: which step failed, and errno.
struct StartFailure {
  enum Step : int { join_group, redirect, chdir, exec } step;
  int index;  // the join file, for join_group
  int error;
};

[[noreturn]] void fail_in_child(int report_fd, StartFailure::Step step, int index) {
  const StartFailure failure{step, index, errno};
  (void)!write(report_fd, &failure, sizeof failure);
  _exit(127);
}

void set_limit(int resource, rlim_t soft, rlim_t hard) {
  const rlimit r{soft, hard};
  setrlimit(resource, &r);
}

void apply_limits(const ResourceLimits& l) {
  set_limit(RLIMIT_CORE, 0, 0);
  if (l.cpu_seconds > 0) {
    const auto s = static_cast<rlim_t>(std::ceil(l.cpu_seconds));
    set_limit(RLIMIT_CPU, s, s + 1);
  }
  if (l.address_space_bytes) set_limit(RLIMIT_AS, l.address_space_bytes, l.address_space_bytes);
  if (l.data_bytes) set_limit(RLIMIT_DATA, l.data_bytes, l.data_bytes);
  if (l.file_bytes) set_limit(RLIMIT_FSIZE, l.file_bytes, l.file_bytes);
  if (l.processes) set_limit(RLIMIT_NPROC, l.processes, l.processes);
  if (l.open_files) set_limit(RLIMIT_NOFILE, l.open_files, l.open_files);
}

}  // namespace

std::string describe_signal(int sig) {
  const char* name = sigabbrev_np(sig);
  return fmt::format("killed by SIG{} ({})", name ? name : std::to_string(sig), strsignal(sig));
}

pid_t spawn_process(const std::vector<std::string>& argv, const SpawnOptions& options) {
  if (argv.empty()) throw std::invalid_argument("spawn_process: empty command");
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  // Every descriptor the child ends up with, as (source, target); stdin comes from /dev/null.
  std::vector<std::pair<int, int>> moves = options.fds;
  if (options.stdout_fd >= 0) moves.emplace_back(options.stdout_fd, 1);
  if (options.stderr_fd >= 0) moves.emplace_back(options.stderr_fd, 2);
  std::vector<int> kept = {0, 1, 2};
  for (const auto& [from, to] : moves) kept.push_back(to);
  std::sort(kept.begin(), kept.end());
  kept.erase(std::unique(kept.begin(), kept.end()), kept.end());
  std::vector<int> staged(moves.size(), -1);

  int report[2];
  if (pipe2(report, O_CLOEXEC) != 0) throw std::runtime_error(fmt::format("pipe: {}", strerror(errno)));
  const pid_t pid = fork();
  if (pid < 0) {
    close(report[0]);
    close(report[1]);
    throw std::runtime_error(fmt::format("fork: {}", strerror(errno)));
  }
  if (pid == 0) {
    if (options.own_process_group) setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    // Out of the way of the target numbers first, so that no move overwrites a source of another.
    const int report_fd = fcntl(report[1], F_DUPFD_CLOEXEC, 100);
    for (size_t i = 0; i < moves.size(); ++i) {
      staged[i] = fcntl(moves[i].first, F_DUPFD_CLOEXEC, 100);
      if (staged[i] < 0) fail_in_child(report_fd, StartFailure::redirect, static_cast<int>(i));
    }
    for (size_t i = 0; i < options.join_files.size(); ++i) {
      const int fd = open(options.join_files[i].c_str(), O_WRONLY | O_CLOEXEC);
      if (fd < 0 || write(fd, "0", 1) != 1) fail_in_child(report_fd, StartFailure::join_group, static_cast<int>(i));
      close(fd);
    }
    const int devnull = open("/dev/null", O_RDONLY);
    if (devnull < 0 || dup2(devnull, 0) < 0) fail_in_child(report_fd, StartFailure::redirect, -1);
    for (size_t i = 0; i < moves.size(); ++i)
      if (dup2(staged[i], moves[i].second) < 0) fail_in_child(report_fd, StartFailure::redirect, static_cast<int>(i));
    // Whatever else this process had open (other threads' files and sockets) is not inherited.
    for (size_t i = 0; i < kept.size(); ++i) {
      const unsigned first = static_cast<unsigned>(kept[i]) + 1;
      const unsigned last = i + 1 < kept.size() ? static_cast<unsigned>(kept[i + 1]) - 1 : ~0u;
      if (first <= last) close_range(first, last, CLOSE_RANGE_CLOEXEC);
    }
    // Signals as a fresh program expects them: a parent that ignores SIGXFSZ or SIGPIPE (as some
    // runtimes do) would otherwise pass that on.
    for (int sig = 1; sig < NSIG; ++sig) signal(sig, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    apply_limits(options.limits);
    if (!options.cwd.empty() && chdir(options.cwd.c_str()) != 0) fail_in_child(report_fd, StartFailure::chdir, 0);
    execvp(args[0], args.data());
    fail_in_child(report_fd, StartFailure::exec, 0);
  }
  close(report[1]);
  StartFailure failure{};
  ssize_t n;
  do {
    n = read(report[0], &failure, sizeof failure);
  } while (n < 0 && errno == EINTR);
  close(report[0]);
  if (n == static_cast<ssize_t>(sizeof failure)) {
    waitpid(pid, nullptr, 0);
    const char* why = strerror(failure.error);
    switch (failure.step) {
      case StartFailure::join_group:
        throw std::runtime_error(fmt::format("cannot join the control group {}: {}", options.join_files.at(failure.index), why));
      case StartFailure::redirect:
        throw std::runtime_error(fmt::format("cannot pass descriptors to {}: {}", argv[0], why));
      case StartFailure::chdir:
        throw std::runtime_error(fmt::format("cannot enter {} to run {}: {}", options.cwd, argv[0], why));
      case StartFailure::exec:
        throw std::runtime_error(fmt::format("cannot run {}: {}", argv[0], why));
    }
  }
  return pid;
}

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(fmt::format("pipe: {}", strerror(errno)));
  SpawnOptions spawn = options.spawn;
  spawn.stdout_fd = fds[1];
  spawn.stderr_fd = fds[1];
  spawn.own_process_group = true;
  const auto start = std::chrono::steady_clock::now();
  ProcessResult r;
  pid_t pid;
  try {
    pid = spawn_process(argv, spawn);
  } catch (const std::runtime_error& e) {
    // As a shell does: the reason becomes the output, and the exit code 127.
    close(fds[0]);
    close(fds[1]);
    r.exit_code = 127;
    r.output = std::string(e.what()) + "\n";
    return r;
  }
  close(fds[1]);

  const auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  char buf[65536];
  bool open_pipe = true;
  while (open_pipe) {
    const double left = options.timeout_seconds - elapsed();
    if (left <= 0) {
      r.timed_out = true;
      kill(-pid, SIGKILL);
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    const int ready = poll(&p, 1, static_cast<int>(std::min(left, 1.0) * 1000) + 1);
    if (ready < 0 && errno != EINTR) break;
    if (ready <= 0) continue;
    const ssize_t n = read(fds[0], buf, sizeof buf);
    if (n <= 0) {
      open_pipe = false;
    } else if (r.output.size() < options.output_limit) {
      r.output.append(buf, std::min<size_t>(n, options.output_limit - r.output.size()));
      if (r.output.size() >= options.output_limit) r.output_truncated = true;
    } else {
      r.output_truncated = true;
    }
    if (r.output_truncated && options.stop_at_output_limit) {
      kill(-pid, SIGKILL);
      break;
    }
  }
  close(fds[0]);
  int status = 0;
  // After the pipe closes the child may still be running (it closed its output): honour the limit.
  for (;;) {
    const pid_t w = waitpid(pid, &status, WNOHANG);
    if (w == pid) break;
    if (elapsed() > options.timeout_seconds) {
      r.timed_out = true;
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      break;
    }
    usleep(2000);
  }
  kill(-pid, SIGKILL);  // helpers the child left behind
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  r.seconds = elapsed();
  return r;
}

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& cwd, double timeout_seconds,
                          size_t output_limit) {
  ProcessOptions options;
  options.spawn.cwd = cwd;
  options.timeout_seconds = timeout_seconds;
  options.output_limit = output_limit;
  return run_process(argv, options);
}

}  // namespace podium
