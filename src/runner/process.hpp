// Child processes with limits: the compiler, the judge and the sandboxed contestant (sandbox.hpp
// builds the command lines that put them in a sandbox; this file starts them and watches them).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace podium {

// Resource limits (setrlimit) a child gets before it runs its program; 0: inherited unchanged.
// Core dumps are always off.
struct ResourceLimits {
  double cpu_seconds = 0;            // RLIMIT_CPU: SIGXCPU at the limit, SIGKILL a second later
  uint64_t address_space_bytes = 0;  // RLIMIT_AS: allocations beyond it fail
  uint64_t data_bytes = 0;           // RLIMIT_DATA: private writable memory (heap) beyond it fails
  uint64_t file_bytes = 0;           // RLIMIT_FSIZE: SIGXFSZ on writing past it
  uint64_t processes = 0;            // RLIMIT_NPROC: processes and threads of the (sandbox) user
  uint64_t open_files = 0;           // RLIMIT_NOFILE
};

struct SpawnOptions {
  std::string cwd;
  int stdout_fd = -1;  // -1: inherited
  int stderr_fd = -1;  // -1: inherited
  // Descriptors the program receives: (descriptor here, its number in the child). All others are
  // closed on exec; stdin is /dev/null.
  std::vector<std::pair<int, int>> fds;
  ResourceLimits limits;
  // Files (cgroup.procs) the child writes its own pid to before exec, joining those control groups.
  std::vector<std::string> join_files;
  bool own_process_group = true;  // so that killing -pid ends the helpers it forks
};

// Forks and execs argv[0] (searched in PATH). Throws with the reason when the program cannot be
// started (not found, not executable, a control group refused it).
pid_t spawn_process(const std::vector<std::string>& argv, const SpawnOptions& options);

struct ProcessResult {
  int exit_code = -1;       // when it exited normally
  int signal = 0;           // when a signal ended it
  bool timed_out = false;   // killed at the time limit
  bool output_truncated = false;
  double seconds = 0;
  std::string output;       // stdout and stderr interleaved
};

struct ProcessOptions {
  SpawnOptions spawn;  // stdout_fd and stderr_fd are replaced by the output pipe
  double timeout_seconds = 60;
  size_t output_limit = 1 << 20;     // output kept beyond this is dropped
  bool stop_at_output_limit = false; // kill the process group as soon as its output passes the limit
};

// Runs argv in its own process group; the whole group is killed at the time limit. A program that
// cannot be started ends with exit code 127 and the reason as its output, as in a shell.
ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options);
// Runs argv[0] (searched in PATH) in `cwd`; output beyond `output_limit` bytes is dropped (and the
// process keeps running until it ends).
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& cwd, double timeout_seconds,
                          size_t output_limit = 1 << 20);

// "killed by SIGSEGV (segmentation fault)"
std::string describe_signal(int signal);

}  // namespace podium
