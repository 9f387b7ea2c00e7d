// Racing for a fast context: K processes forked at once (before any of them touches CUDA), each
// makes its primary context and probes it as the evaluator does (probe_launch_gap); the fastest is
// kept and the others exit. How long the race takes for each K, what the kept context probes before
// and after the others are gone, and how the gaps fall.
//
//   context_race [ROUNDS] [K...]      prints a Markdown table (µs per dependent launch)
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "eval/context_kinds.hpp"

using namespace podium;
using Clock = std::chrono::steady_clock;

namespace {

struct Report {
  double gap_us = 0;
  double made_ms = 0;
};

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "context_race: %s\n", what);
  std::exit(1);
}

double ms_since(Clock::time_point from) {
  return std::chrono::duration<double, std::milli>(Clock::now() - from).count();
}

// A racer: makes and probes its context, reports, then waits for the verdict: 1 stay (probe again,
// report, exit), 0 exit.
[[noreturn]] void racer(int report_fd, int verdict_fd) {
  const auto from = Clock::now();
  Report r;
  if (!make_cuda_context()) {
    std::fprintf(stderr, "context_race: a racer could not make its CUDA context\n");
    _exit(3);
  }
  r.made_ms = ms_since(from);
  r.gap_us = probe_launch_gap() * 1e6;
  if (write(report_fd, &r, sizeof r) != sizeof r) _exit(4);
  char verdict = 0;
  if (read(verdict_fd, &verdict, 1) != 1 || verdict == 0) _exit(0);
  r.gap_us = probe_launch_gap() * 1e6;
  if (write(report_fd, &r, sizeof r) != sizeof r) _exit(4);
  _exit(0);
}

void race(int k) {
  struct Child {
    pid_t pid;
    int report, verdict;
    Report r;
  };
  std::vector<Child> children(k);
  const auto from = Clock::now();
  for (Child& c : children) {
    int rep[2], ver[2];
    if (pipe(rep) != 0 || pipe(ver) != 0) fail("pipe failed");
    c.pid = fork();
    if (c.pid < 0) fail("fork failed");
    if (c.pid == 0) racer(rep[1], ver[0]);
    close(rep[1]);
    close(ver[0]);
    c.report = rep[0];
    c.verdict = ver[1];
  }
  for (Child& c : children)
    if (read(c.report, &c.r, sizeof c.r) != sizeof c.r) fail("a racer ended without reporting its probe");
  const double race_ms = ms_since(from);
  double slowest_made = 0;
  for (const Child& c : children) slowest_made = std::max(slowest_made, c.r.made_ms);
  const auto best = std::min_element(children.begin(), children.end(),
                                     [](const Child& a, const Child& b) { return a.r.gap_us < b.r.gap_us; });
  const auto gone_from = Clock::now();
  for (Child& c : children) {
    if (&c == &*best) continue;
    const char no = 0;
    if (write(c.verdict, &no, 1) != 1) fail("a racer could not be told to go");
    waitpid(c.pid, nullptr, 0);
  }
  const double gone_ms = ms_since(gone_from);
  const char yes = 1;
  Report after;
  if (write(best->verdict, &yes, 1) != 1 || read(best->report, &after, sizeof after) != sizeof after)
    fail("the kept racer did not probe again");
  waitpid(best->pid, nullptr, 0);
  std::vector<double> gaps;
  for (const Child& c : children) gaps.push_back(c.r.gap_us);
  std::sort(gaps.begin(), gaps.end());
  std::printf("| %d | %.0f ms | %.0f ms | %.0f ms | %.3f | %.3f |", k, race_ms, slowest_made, gone_ms, best->r.gap_us,
              after.gap_us);
  for (double g : gaps) std::printf(" %.3f", g);
  std::printf(" |\n");
  std::fflush(stdout);
  for (Child& c : children) {
    close(c.report);
    close(c.verdict);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::atoi(argv[1]) : 3;
  std::vector<int> ks;
  for (int i = 2; i < argc; ++i) ks.push_back(std::atoi(argv[i]));
  if (ks.empty()) ks = {1, 4, 8};
  std::printf("Processes racing for a fast context, %d rounds; µs per dependent launch\n\n"
              "| processes | race (all probed) | slowest context made in | others gone in | kept: probed | kept: "
              "again, alone | every gap |\n|---|---|---|---|---|---|---|\n",
              rounds);
  for (int r = 0; r < rounds; ++r)
    for (int k : ks) race(k);
  return 0;
}
