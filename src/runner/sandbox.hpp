// The sandbox that compiles and runs submissions: bubblewrap (bwrap) makes the namespaces and the
// mounts, setpriv (util-linux) drops to an unprivileged uid when podium runs as root, rlimits bound
// each process, and a control group bounds memory and process counts together where the machine
// lets podium create one. The syscall filter is the sandboxed program's own last step before it
// loads submission code (syscall_filter.hpp). docs/sandbox.md lists every limit in one table.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "runner/process.hpp"

namespace podium {

struct SandboxLimits {
  double cpu_seconds = 0;              // CPU time of each process; 0: the wall-time limit times the cores
  uint64_t memory_bytes = 4ull << 30;  // resident memory of the whole sandbox (control group)
  uint64_t processes = 256;            // processes and threads (control group, and RLIMIT_NPROC as root)
  uint64_t open_files = 1024;
  uint64_t file_bytes = 64ull << 20;   // the largest file a process may write
  uint64_t tmp_bytes = 256ull << 20;   // the private /tmp, all files together
  uint64_t output_bytes = 1ull << 20;  // stdout and stderr together
};

// A host path made visible inside the sandbox.
struct Mount {
  std::filesystem::path host;
  std::string inside;
  bool writable = false;
};

struct SandboxSpec {
  std::vector<std::string> command;  // paths as seen inside
  std::vector<Mount> mounts;
  std::string cwd = "/tmp";
  bool gpu = false;            // the NVIDIA device nodes and a read-only /sys
  bool endless_devices = true; // false: /dev holds /dev/null alone, no /dev/zero or /dev/urandom to read forever
  // RLIMIT_AS at the memory limit plus this slack. A GPU program gets RLIMIT_DATA (its heap) at the
  // memory limit plus this slack instead: CUDA reserves far more address space than it uses.
  uint64_t address_space_slack_bytes = 4ull << 30;
  double wall_seconds = 60;
  SandboxLimits limits;
};

// The sandbox cannot be built on this machine (bwrap missing, namespaces refused).
class SandboxUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One sandbox, for one process: its command line and its control group. The destructor ends
// whatever is left in the control group and removes it.
class Sandbox {
 public:
  explicit Sandbox(const SandboxSpec& spec);
  ~Sandbox();
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  // bwrap ..., to start with spawn_process or run_process and spawn_options().
  const std::vector<std::string>& argv() const { return argv_; }
  // The rlimits and the control group to join; the caller adds its descriptors.
  SpawnOptions spawn_options() const;
  // Whether a control group bounds the sandbox's memory (where cgroups are writable).
  bool bounds_memory() const { return !memory_events_.empty(); }
  // Whether the control group's memory limit made the kernel kill a process in it.
  bool memory_exhausted() const;
  // Kills every process still in the control group (where there is one).
  void kill_all() const;

 private:
  std::vector<std::string> argv_;
  ResourceLimits rlimits_;
  std::vector<std::filesystem::path> groups_;     // control group directories made for this sandbox
  std::filesystem::path memory_events_;           // where the OOM-kill count is read
};

// podium-evaluator, the program that runs the judge and the contestant: $PODIUM_EVALUATOR, else
// beside the running executable, else where the build put it.
std::filesystem::path evaluator_program();

// The uid and gid sandboxed processes run as when podium runs as root ($PODIUM_SANDBOX_UID and
// $PODIUM_SANDBOX_GID, 65534 by default); nullopt otherwise (they keep podium's own).
std::optional<std::pair<uid_t, gid_t>> sandbox_account();


}  // namespace podium
