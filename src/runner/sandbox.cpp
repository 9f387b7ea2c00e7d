// The sandbox. See sandbox.hpp and docs/sandbox.md.
//
// What a sandboxed process sees: a root of its own (tmpfs) holding the system's /usr (and the /bin,
// /lib links into it) read-only, the few /etc files the dynamic loader and the compilers read, a
// fresh /proc of its own pid namespace, a minimal /dev, the CPU's /sys/devices/system/cpu (all of
// /sys read-only and the NVIDIA device nodes for CUDA), a private /tmp of bounded size, and the
// mounts its caller names (the build directory for a compiler; the evaluator program and the
// compiled submission for a contestant). No network (an empty network namespace), no other
// process (pid namespace), no System V IPC, its own hostname, no environment but PATH, HOME and
// the loader's and CUDA's own variables.
//
// The uid: run as root, podium runs bwrap privileged, without a user namespace, and the command
// starts under setpriv, which switches to $PODIUM_SANDBOX_UID (65534, "nobody") with no capability
// left and no_new_privs set; files podium made are then out of reach unless mounted, and
// RLIMIT_NPROC counts that uid's processes. (A user namespace that mapped a sandbox uid to root
// would leave the process root-owned on the host.) Run as an ordinary user, bwrap makes a user
// namespace and the process keeps that user's uid.
#include "runner/sandbox.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;

namespace podium {
namespace {

// A line on stderr, once per process and message: why a limit is weaker than it could be here.
void note_once(const std::string& message) {
  static std::mutex mu;
  static std::set<std::string> said;
  std::lock_guard lock(mu);
  if (said.insert(message).second) fmt::print(stderr, "podium: {}\n", message);
}

bool executable(const fs::path& p) { return !p.empty() && access(p.c_str(), X_OK) == 0 && fs::is_regular_file(p); }

std::optional<fs::path> find_in_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "/usr/local/bin:/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':'))
    if (!dir.empty() && executable(fs::path(dir) / name)) return fs::path(dir) / name;
  return std::nullopt;
}

fs::path bwrap_program() {
  if (const char* p = std::getenv("PODIUM_BWRAP"); p && *p) {
    if (!executable(p)) throw SandboxUnavailable(fmt::format("PODIUM_BWRAP={} is not an executable file", p));
    return p;
  }
  if (auto p = find_in_path("bwrap")) return *p;
  throw SandboxUnavailable(
      "bubblewrap (bwrap) is not installed: podium compiles and runs every submission inside it; install the "
      "Debian package bubblewrap (scripts/setup.sh does), or point PODIUM_BWRAP at a bwrap executable");
}

unsigned id_from_env(const char* name, unsigned fallback) {
  const char* v = std::getenv(name);
  if (!v || !*v) return fallback;
  char* end = nullptr;
  const unsigned long n = std::strtoul(v, &end, 10);
  if (*end || n == 0) throw SandboxUnavailable(fmt::format("{}={} is not a non-root numeric id", name, v));
  return static_cast<unsigned>(n);
}

bool under(const fs::path& p, const fs::path& dir) {
  const auto rel = p.lexically_normal().lexically_relative(dir);
  return !rel.empty() && *rel.begin() != "..";
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool write_file(const fs::path& p, const std::string& text) {
  std::ofstream out(p);
  out << text;
  out.flush();
  return static_cast<bool>(out);
}

// ---- Control groups -------------------------------------------------------------------------------

// Where this process's control group for `controller` lives in the file system, if it is mounted:
// cgroup v1 (one hierarchy per controller) or v2 (controller empty: the unified hierarchy).
std::optional<fs::path> own_group_dir(const std::string& controller) {
  // /proc/self/cgroup: "ID:CONTROLLERS:PATH"; v2 has ID 0 and no controllers.
  std::string path;
  {
    std::istringstream lines(read_file("/proc/self/cgroup"));
    std::string line;
    while (std::getline(lines, line)) {
      const auto a = line.find(':'), b = line.find(':', a + 1);
      if (a == std::string::npos || b == std::string::npos) continue;
      const std::string names = line.substr(a + 1, b - a - 1);
      bool match = controller.empty() ? names.empty() && line.substr(0, a) == "0" : false;
      std::istringstream list(names);
      std::string name;
      while (!controller.empty() && std::getline(list, name, ','))
        if (name == controller) match = true;
      if (match) path = line.substr(b + 1);
    }
  }
  if (path.empty()) return std::nullopt;
  // /proc/self/mountinfo: "ID PARENT DEV ROOT MOUNTPOINT OPTIONS... - FSTYPE SOURCE SUPEROPTIONS"
  std::istringstream lines(read_file("/proc/self/mountinfo"));
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream f(line);
    std::string id, parent, dev, root, mountpoint, field;
    f >> id >> parent >> dev >> root >> mountpoint;
    while (f >> field && field != "-") {
    }
    std::string fstype, source, superopts;
    f >> fstype >> source >> superopts;
    const bool wanted = controller.empty() ? fstype == "cgroup2"
                                           : fstype == "cgroup" && ("," + superopts + ",").find("," + controller + ",") != std::string::npos;
    if (!wanted) continue;
    // A mount of a sub-tree (containers) shows the groups below its root.
    std::string rel = path;
    if (root != "/" && rel.rfind(root, 0) == 0) rel = rel.substr(root.size());
    const fs::path dir = fs::path(mountpoint) / fs::path(rel).relative_path();
    if (fs::is_directory(dir)) return dir;
  }
  return std::nullopt;
}

// Makes a child group of this process's group, or says why not.
std::optional<fs::path> make_group(const fs::path& parent, const std::string& name, std::string& why) {
  const fs::path dir = parent / name;
  std::error_code ec;
  if (!fs::create_directory(dir, ec) && ec) {
    why = fmt::format("cannot create a group under {}: {}", parent.string(), ec.message());
    return std::nullopt;
  }
  return dir;
}

std::string unique_group_name() {
  static std::atomic<unsigned> counter{0};
  return fmt::format("podium-{}-{}", getpid(), counter++);
}

// Reads "key N" from a flat-keyed control file (memory.events, memory.oom_control).
uint64_t keyed_value(const fs::path& file, const std::string& key) {
  std::istringstream lines(read_file(file));
  std::string k;
  uint64_t v = 0;
  while (lines >> k >> v)
    if (k == key) return v;
  return 0;
}

}  // namespace

Sandbox::Sandbox(const SandboxSpec& spec) {
  const fs::path bwrap = bwrap_program();
  const bool root = geteuid() == 0;
  const SandboxLimits& l = spec.limits;

  // Resource limits, set on bwrap and inherited by what it runs.
  rlimits_.cpu_seconds = l.cpu_seconds > 0 ? l.cpu_seconds : spec.wall_seconds * std::max(1u, std::thread::hardware_concurrency()) + 1;
  const uint64_t virtual_bytes = spec.address_space_slack_bytes ? l.memory_bytes + spec.address_space_slack_bytes : 0;
  (spec.gpu ? rlimits_.data_bytes : rlimits_.address_space_bytes) = virtual_bytes;
  rlimits_.file_bytes = l.file_bytes;
  rlimits_.open_files = l.open_files;
  // As an ordinary user, RLIMIT_NPROC would count every process of that user on the machine.
  rlimits_.processes = root ? l.processes : 0;

  std::vector<std::string>& a = argv_;
  a = {bwrap.string(), "--die-with-parent", "--new-session", "--unshare-pid", "--unshare-net", "--unshare-ipc",
       "--unshare-uts", "--unshare-cgroup-try", "--hostname", "podium"};
  if (!root) a.insert(a.end(), {"--unshare-user", "--disable-userns"});

  // Environment: nothing of podium's own (tokens, paths) passes.
  a.insert(a.end(), {"--clearenv", "--setenv", "PATH", "/usr/local/bin:/usr/bin:/bin", "--setenv", "HOME", "/tmp",
                     "--setenv", "TMPDIR", "/tmp", "--setenv", "LANG", "C.UTF-8"});
  std::vector<Mount> mounts = spec.mounts;  // and the loader's directories outside /usr
  for (const char* var : {"LD_LIBRARY_PATH", "CUDA_VISIBLE_DEVICES", "CUDA_DEVICE_ORDER", "OMP_NUM_THREADS"}) {
    const char* v = std::getenv(var);
    if (!v || !*v) continue;
    a.insert(a.end(), {"--setenv", var, v});
    if (std::string(var) == "LD_LIBRARY_PATH") {
      std::istringstream dirs(v);
      std::string d;
      while (std::getline(dirs, d, ':'))
        if (!d.empty() && fs::is_directory(d) && !under(d, "/usr")) mounts.push_back({d, d});
    }
  }

  // The system, read-only. Merged-/usr systems have /bin, /lib... as links into /usr.
  a.insert(a.end(), {"--ro-bind", "/usr", "/usr"});
  for (const char* top : {"/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"}) {
    std::error_code ec;
    const auto status = fs::symlink_status(top, ec);
    if (ec) continue;
    if (fs::is_symlink(status)) {
      a.insert(a.end(), {"--symlink", fs::read_symlink(top).string(), top});
    } else if (fs::is_directory(status)) {
      a.insert(a.end(), {"--ro-bind", top, top});
    }
  }
  a.insert(a.end(), {"--perms", "0755", "--dir", "/etc"});
  for (const char* file : {"/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives", "/etc/localtime"})
    a.insert(a.end(), {"--ro-bind-try", file, file});

  a.insert(a.end(), {"--proc", "/proc"});
  if (spec.endless_devices) {
    a.insert(a.end(), {"--dev", "/dev"});
  } else {
    a.insert(a.end(), {"--tmpfs", "/dev", "--dev-bind", "/dev/null", "/dev/null", "--symlink", "/proc/self/fd", "/dev/fd"});
  }
  a.insert(a.end(), {"--perms", "1777", "--size", std::to_string(l.tmp_bytes), "--tmpfs", "/tmp"});
  if (spec.gpu) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator("/dev", ec))
      if (e.path().filename().string().rfind("nvidia", 0) == 0) a.insert(a.end(), {"--dev-bind", e.path().string(), e.path().string()});
    a.insert(a.end(), {"--ro-bind", "/sys", "/sys"});
  } else {
    // The CPU's topology and cache sizes (the cache flush is sized from them; OpenMP counts cores).
    for (const char* dir : {"/sys", "/sys/devices", "/sys/devices/system"}) a.insert(a.end(), {"--perms", "0755", "--dir", dir});
    a.insert(a.end(), {"--ro-bind-try", "/sys/devices/system/cpu", "/sys/devices/system/cpu"});
  }
  // Directories holding the mounts are made readable by all first (bwrap would make them 0700,
  // closed to the sandbox's uid), as /etc above.
  std::set<std::string> made = {"/etc"};
  for (const auto& m : mounts) {
    for (fs::path dir = fs::path(m.inside).parent_path(); dir != dir.root_path() && !dir.empty(); dir = dir.parent_path())
      if (made.insert(dir.string()).second) a.insert(a.end(), {"--perms", "0755", "--dir", dir.string()});
  }
  for (const auto& m : mounts) a.insert(a.end(), {m.writable ? "--bind" : "--ro-bind", m.host.string(), m.inside});
  a.insert(a.end(), {"--chdir", spec.cwd, "--"});
  if (root) {
    const auto setpriv = find_in_path("setpriv");
    if (!setpriv)
      throw SandboxUnavailable("setpriv (util-linux) is not installed: podium, running as root, needs it to drop to an unprivileged uid");
    const auto [uid, gid] = *sandbox_account();
    a.insert(a.end(), {setpriv->string(), fmt::format("--reuid={}", uid), fmt::format("--regid={}", gid), "--clear-groups",
                       "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"});
  }
  a.insert(a.end(), spec.command.begin(), spec.command.end());

  // A control group for memory and process counts (made last: nothing above may leave one behind): the unified hierarchy (v2) when it offers the
  // controllers to this process's group, else one v1 hierarchy per controller.
  const std::string name = unique_group_name();
  std::string why;
  if (auto v2 = own_group_dir(""); v2 && read_file(*v2 / "cgroup.controllers").find("memory") != std::string::npos) {
    write_file(*v2 / "cgroup.subtree_control", "+memory +pids");
    if (auto dir = make_group(*v2, name, why)) {
      groups_.push_back(*dir);
      if (!fs::exists(*dir / "memory.max") || !write_file(*dir / "memory.max", std::to_string(l.memory_bytes))) {
        why = fmt::format("the memory controller is not delegated to podium's group {} (run podium in a cgroup of "
                          "its own with Delegate=yes, see docs/sandbox.md)",
                          v2->string());
      } else {
        write_file(*dir / "memory.swap.max", "0");
        write_file(*dir / "pids.max", std::to_string(l.processes));
        memory_events_ = *dir / "memory.events";
      }
    }
  } else {
    for (const char* controller : {"memory", "pids"}) {
      const auto parent = own_group_dir(controller);
      if (!parent) {
        why = fmt::format("no {} control group is mounted", controller);
        continue;
      }
      const auto dir = make_group(*parent, name, why);
      if (!dir) continue;
      groups_.push_back(*dir);
      if (std::string(controller) == "memory") {
        if (write_file(*dir / "memory.limit_in_bytes", std::to_string(l.memory_bytes))) {
          write_file(*dir / "memory.memsw.limit_in_bytes", std::to_string(l.memory_bytes));
          memory_events_ = *dir / "memory.oom_control";
        } else {
          why = fmt::format("cannot set memory.limit_in_bytes under {}", parent->string());
        }
      } else if (!write_file(*dir / "pids.max", std::to_string(l.processes))) {
        why = fmt::format("cannot set pids.max under {}", parent->string());
      }
    }
  }
  if (memory_events_.empty() && why.empty()) why = "no usable memory control group";
  if (!why.empty())
    note_once(fmt::format("control-group limits are partly unavailable ({}); memory is bounded by RLIMIT_AS (RLIMIT_DATA "
                          "for GPU programs) alone and process counts by the syscall filter and RLIMIT_NPROC",
                          why));
}

Sandbox::~Sandbox() {
  kill_all();
  for (const auto& dir : groups_) {
    // A group can be removed once its last process is gone, which takes the kernel a moment.
    for (int attempt = 0; attempt < 200; ++attempt) {
      std::error_code ec;
      fs::remove(dir, ec);
      if (!ec || !fs::exists(dir)) break;
      usleep(5000);
    }
  }
}

SpawnOptions Sandbox::spawn_options() const {
  SpawnOptions o;
  o.limits = rlimits_;
  for (const auto& dir : groups_) o.join_files.push_back((dir / "cgroup.procs").string());
  return o;
}

bool Sandbox::memory_exhausted() const { return !memory_events_.empty() && keyed_value(memory_events_, "oom_kill") > 0; }

void Sandbox::kill_all() const {
  for (const auto& dir : groups_) {
    for (int round = 0; round < 100; ++round) {
      std::istringstream pids(read_file(dir / "cgroup.procs"));
      pid_t pid;
      bool any = false;
      while (pids >> pid) {
        kill(pid, SIGKILL);
        any = true;
      }
      if (!any) break;
      usleep(2000);
    }
  }
}

std::optional<std::pair<uid_t, gid_t>> sandbox_account() {
  if (geteuid() != 0) return std::nullopt;
  return std::pair<uid_t, gid_t>{id_from_env("PODIUM_SANDBOX_UID", 65534), id_from_env("PODIUM_SANDBOX_GID", 65534)};
}

fs::path evaluator_program() {
  if (const char* p = std::getenv("PODIUM_EVALUATOR"); p && *p) {
    if (!executable(p)) throw SandboxUnavailable(fmt::format("PODIUM_EVALUATOR={} is not an executable file", p));
    return p;
  }
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec && executable(self.parent_path() / "podium-evaluator")) return self.parent_path() / "podium-evaluator";
#ifdef PODIUM_EVALUATOR_PATH
  if (executable(PODIUM_EVALUATOR_PATH)) return PODIUM_EVALUATOR_PATH;
#endif
  throw SandboxUnavailable(fmt::format("podium-evaluator was not found beside {}; it is built with podium, or set PODIUM_EVALUATOR to its path",
                                       self.string()));
}

}  // namespace podium
