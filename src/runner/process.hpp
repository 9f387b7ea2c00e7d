// Running a child program with a time limit and a cap on its output: the compiler today, the
// sandboxed evaluator tomorrow.
#pragma once

#include <string>
#include <vector>

namespace podium {

struct ProcessResult {
  int exit_code = -1;       // when it exited normally
  int signal = 0;           // when a signal ended it
  bool timed_out = false;   // killed at the time limit
  bool output_truncated = false;
  double seconds = 0;
  std::string output;       // stdout and stderr interleaved
};

// Runs argv[0] (searched in PATH) in `cwd`; the whole process group is killed at `timeout_seconds`.
// Output beyond `output_limit` bytes is dropped (and the process keeps running until it ends).
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& cwd, double timeout_seconds,
                          size_t output_limit = 1 << 20);

// "killed by SIGSEGV (segmentation fault)"
std::string describe_signal(int signal);

}  // namespace podium
