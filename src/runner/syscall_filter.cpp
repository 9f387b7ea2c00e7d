// Hardening of the contestant. See syscall_filter.hpp.
//
// The filter is a deny list, as isolate's is: CUDA's driver and OpenMP make system calls that vary
// with versions, and an allow list would break honest submissions with every driver update. What
// is denied is what a kernel submission has no use for: making processes (threads are allowed:
// clone with CLONE_THREAD), running programs, the network, reaching other processes (ptrace, their
// memory, signals to anyone but itself), namespaces and mounts, loading kernel code (modules,
// kexec, BPF), perf counters, key rings, io_uring (whose operations bypass seccomp), userfaultfd,
// and changes to the system (clocks, hostname, swap, reboot). The filter applies to every thread
// of the process (CUDA's driver threads run submission callbacks too), and to calls made in any
// architecture's convention (a foreign one kills the process).
//
// Caveats: a submission may still write the harness's writable memory (its heap and .data); sealing
// protects the code, the GOT and the vDSO from being re-mapped writable, not data. mseal needs Linux
// 6.10; before that the code pages could be made writable with mprotect.
#include "runner/syscall_filter.hpp"

#include <seccomp.h>
#include <signal.h>
#include <sched.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdio>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#ifndef SYS_mseal
#define SYS_mseal 462
#endif

namespace podium {
namespace {

// Filled before the filter is installed, read by the SIGSYS handler (which may not allocate).
struct DeniedCall {
  int number;
  char name[32];
};
DeniedCall g_denied[160];
int g_denied_count = 0;
int g_report_fd = -1;
char g_prefix[256];
size_t g_prefix_size = 0;
char g_suffix[256];
size_t g_suffix_size = 0;

void append(char* buf, size_t& at, size_t cap, const char* s, size_t n) {
  if (at + n > cap) n = cap - at;
  memcpy(buf + at, s, n);
  at += n;
}

void on_sigsys(int, siginfo_t* info, void*) {
  char message[640];
  size_t at = 0;
  append(message, at, sizeof message, g_prefix, g_prefix_size);
  const char* name = nullptr;
  for (int i = 0; i < g_denied_count; ++i)
    if (g_denied[i].number == info->si_syscall) name = g_denied[i].name;
  if (name) {
    append(message, at, sizeof message, name, strlen(name));
  } else {
    char digits[24];
    int n = 0, v = info->si_syscall;
    do {
      digits[n++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v > 0 && n < 20);
    append(message, at, sizeof message, "system call ", 12);
    while (n > 0) append(message, at, sizeof message, &digits[--n], 1);
  }
  append(message, at, sizeof message, g_suffix, g_suffix_size);
  (void)!write(g_report_fd, message, at);  // one write: one message on a socket, one line on a pipe
  _exit(128 + SIGSYS);
}

// Seals every mapping of a file loaded so far (the evaluator, the C and C++ libraries, CUDA's
// runtime) that is not writable, and the vDSO (where clock_gettime runs).
void seal_loaded_code() {
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line)) {
    std::istringstream f(line);
    std::string range, perms, offset, dev, inode, path;
    f >> range >> perms >> offset >> dev >> inode >> path;
    const bool file = !path.empty() && path[0] == '/';
    if (!(file || path == "[vdso]") || perms.find('w') != std::string::npos) continue;
    const auto dash = range.find('-');
    const unsigned long start = std::stoul(range.substr(0, dash), nullptr, 16), end = std::stoul(range.substr(dash + 1), nullptr, 16);
    if (syscall(SYS_mseal, start, end - start, 0) != 0 && errno == ENOSYS) {
      fmt::print(stderr, "podium: this kernel has no mseal (Linux 6.10+): the evaluator's code is not sealed\n");
      return;
    }
  }
}

void deny(scmp_filter_ctx ctx, const char* name, uint32_t action, std::vector<scmp_arg_cmp> conditions = {}) {
  const int nr = seccomp_syscall_resolve_name(name);
  if (nr == __NR_SCMP_ERROR || nr < 0) return;  // not a call of this architecture
  const int rc = seccomp_rule_add_array(ctx, action, nr, static_cast<unsigned>(conditions.size()), conditions.data());
  if (rc != 0) throw std::runtime_error(fmt::format("seccomp rule for {}: {}", name, strerror(-rc)));
  for (int i = 0; i < g_denied_count; ++i)
    if (g_denied[i].number == nr) return;
  if (g_denied_count < static_cast<int>(std::size(g_denied))) {
    g_denied[g_denied_count].number = nr;
    snprintf(g_denied[g_denied_count].name, sizeof g_denied[0].name, "%s", name);
    ++g_denied_count;
  }
}

}  // namespace

void harden_contestant(const FilterReport& report) {
  g_report_fd = report.fd;
  g_prefix_size = std::min(report.prefix.size(), sizeof g_prefix);
  memcpy(g_prefix, report.prefix.data(), g_prefix_size);
  g_suffix_size = std::min(report.suffix.size(), sizeof g_suffix);
  memcpy(g_suffix, report.suffix.data(), g_suffix_size);

  struct sigaction sa {};
  sa.sa_sigaction = on_sigsys;
  sa.sa_flags = SA_SIGINFO;
  sigemptyset(&sa.sa_mask);
  if (sigaction(SIGSYS, &sa, nullptr) != 0) throw std::runtime_error(fmt::format("sigaction(SIGSYS): {}", strerror(errno)));

  seal_loaded_code();
  // Non-dumpable: /proc/self/mem (which writes through page protections) and core dumps closed.
  if (prctl(PR_SET_DUMPABLE, 0) != 0 || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
    throw std::runtime_error(fmt::format("prctl: {}", strerror(errno)));

  scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
  if (!ctx) throw std::runtime_error("seccomp_init failed");
  try {
    if (seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1) != 0) throw std::runtime_error("seccomp: cannot apply the filter to every thread");
    const uint32_t trap = SCMP_ACT_TRAP;
    const auto self = static_cast<scmp_datum_t>(getpid());
    for (const char* name :
         {"fork", "vfork", "execve", "execveat", "socket", "connect", "bind", "listen", "accept", "accept4", "ptrace",
          "process_vm_readv", "process_vm_writev", "process_madvise", "kcmp", "pidfd_open", "pidfd_getfd", "pidfd_send_signal",
          "tkill", "mount", "umount2", "pivot_root", "chroot", "unshare", "setns", "open_tree", "move_mount", "fsopen",
          "fsconfig", "fsmount", "fspick", "mount_setattr", "kexec_load", "kexec_file_load", "init_module", "finit_module",
          "delete_module", "reboot", "swapon", "swapoff", "acct", "bpf", "perf_event_open", "userfaultfd", "iopl", "ioperm",
          "keyctl", "add_key", "request_key", "personality", "lookup_dcookie", "quotactl", "quotactl_fd", "name_to_handle_at",
          "open_by_handle_at", "syslog", "settimeofday", "clock_settime", "clock_adjtime", "adjtimex", "sethostname",
          "setdomainname", "vhangup", "uselib", "io_uring_setup", "io_uring_enter", "io_uring_register", "fanotify_init"})
      deny(ctx, name, trap);
    // Threads only: clone without CLONE_THREAD makes a process. clone3 hides its flags in memory the
    // filter cannot read; "not implemented" makes the C library fall back to clone.
    deny(ctx, "clone", trap, {SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, 0)});
    deny(ctx, "clone3", SCMP_ACT_ERRNO(ENOSYS));
    // Signals to itself only (abort, raise and pthread_kill send them that way).
    deny(ctx, "kill", trap, {SCMP_A0(SCMP_CMP_NE, self)});
    deny(ctx, "tgkill", trap, {SCMP_A0(SCMP_CMP_NE, self)});
    deny(ctx, "rt_sigqueueinfo", trap, {SCMP_A0(SCMP_CMP_NE, self)});
    deny(ctx, "rt_tgsigqueueinfo", trap, {SCMP_A0(SCMP_CMP_NE, self)});
    // The SIGSYS handler and non-dumpability stay as they are.
    deny(ctx, "rt_sigaction", trap, {SCMP_A0(SCMP_CMP_EQ, SIGSYS)});
    deny(ctx, "prctl", trap, {SCMP_A0(SCMP_CMP_EQ, PR_SET_DUMPABLE)});
    const int rc = seccomp_load(ctx);
    if (rc != 0) throw std::runtime_error(fmt::format("seccomp_load: {}", strerror(-rc)));
  } catch (...) {
    seccomp_release(ctx);
    throw;
  }
  seccomp_release(ctx);
}

}  // namespace podium
