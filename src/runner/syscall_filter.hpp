// The walls a contestant process puts up around itself, once its own set-up is done (the device
// opened, the channel connected) and right before it loads submission code: the harness's code and
// read-only data sealed against patching, the process made non-dumpable (so /proc/self/mem is
// closed to it), and a seccomp filter (libseccomp) that stops the system calls no submission
// needs. A stopped call raises SIGSYS; the handler reports the call by name and ends the process
// with 128 + SIGSYS, the status the kernel's own kill would give.
// docs/sandbox.md lists the calls.
#pragma once

#include <string>

namespace podium {

struct FilterReport {
  int fd = -1;          // where the report is written (the contestant's channel); SIGPIPE must be ignored
  std::string prefix;   // the report is prefix + "socket" + suffix, written in one write()
  std::string suffix;
};

// Everything above, in that order. Throws with the reason when the filter cannot be installed;
// sealing is skipped, with a note on stderr, on kernels without mseal (before Linux 6.10).
void harden_contestant(const FilterReport& report);

}  // namespace podium
