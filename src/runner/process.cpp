// Child processes with limits. See process.hpp.
//
// The child gets its own process group so that a compiler that forks helpers (nvcc runs cicc, ptxas,
// the host compiler) is killed whole at the time limit.
#include "runner/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fmt/format.h>
#include <stdexcept>

namespace podium {

std::string describe_signal(int sig) {
  const char* name = sigabbrev_np(sig);
  return fmt::format("killed by SIG{} ({})", name ? name : std::to_string(sig), strsignal(sig));
}

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& cwd, double timeout_seconds,
                          size_t output_limit) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(fmt::format("pipe: {}", strerror(errno)));
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error(fmt::format("fork: {}", strerror(errno)));
  if (pid == 0) {
    setpgid(0, 0);
    dup2(fds[1], 1);
    dup2(fds[1], 2);
    const int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, 0);
    if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(127);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    const std::string msg = fmt::format("cannot run {}: {}\n", argv[0], strerror(errno));
    (void)!write(1, msg.data(), msg.size());
    _exit(127);
  }
  setpgid(pid, pid);
  close(fds[1]);

  ProcessResult r;
  const auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  char buf[65536];
  bool open_pipe = true;
  while (open_pipe) {
    const double left = timeout_seconds - elapsed();
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
    } else if (r.output.size() < output_limit) {
      r.output.append(buf, std::min<size_t>(n, output_limit - r.output.size()));
      if (r.output.size() >= output_limit) r.output_truncated = true;
    } else {
      r.output_truncated = true;
    }
  }
  close(fds[0]);
  int status = 0;
  // After the pipe closes the child may still be running (it closed its output): honour the limit.
  for (;;) {
    const pid_t w = waitpid(pid, &status, WNOHANG);
    if (w == pid) break;
    if (elapsed() > timeout_seconds) {
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

}  // namespace podium
