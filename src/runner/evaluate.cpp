// Compile, screen, then evaluate in a judge and a sandboxed contestant. See evaluate.hpp.
//
// The processes of one evaluation:
//
//   evaluate() ──events (JSON lines)── judge ──channel (socket pair; memfds, CUDA IPC handles)── bwrap ─ contestant
//        └──────────────────────── stdout and stderr of the contestant ──────────────────────────┘
//
// The judge generates inputs, runs the reference and checks outputs; the contestant, in the sandbox,
// only calls the submission on buffers the judge shares with it (host memory through memfds, GPU
// memory through CUDA IPC). Its output is counted here (the output limit) and echoed to stderr. The
// verdict comes from the judge's events, and, when the contestant process ended in the middle, from
// how it ended: its signal (seccomp's SIGSYS, the rlimits' SIGXCPU and SIGXFSZ), the control
// group's OOM kill, or its exit code.
#include "runner/evaluate.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fmt/format.h>
#include <functional>

#include "eval/gpu_file.hpp"
#include "runner/judge.hpp"
#include "runner/process.hpp"
#include "runner/symbol_screen.hpp"

namespace fs = std::filesystem;

namespace podium {
namespace {

CaseSet case_set_of(Mode mode) {
  switch (mode) {
    case Mode::test:
      return CaseSet::test;
    case Mode::benchmark:
      return CaseSet::benchmark;
    case Mode::ranked:
      return CaseSet::ranked;
  }
  return CaseSet::test;
}

// A descriptor closed on scope exit.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  ~Fd() { reset(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

// A pair of connected descriptors: a pipe (read, write) or a socket pair.
std::pair<int, int> make_pipe() {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(fmt::format("pipe: {}", strerror(errno)));
  return {fds[0], fds[1]};
}

std::pair<int, int> make_channel() {
  int fds[2];
  if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds) != 0)
    throw std::runtime_error(fmt::format("socketpair: {}", strerror(errno)));
  return {fds[0], fds[1]};
}

// The judge's request, in a memfd the receiving process reads from the start.
int request_fd(const JudgeRequest& request) {
  const int fd = memfd_create("podium-request", MFD_CLOEXEC);
  if (fd < 0) throw std::runtime_error(fmt::format("memfd_create: {}", strerror(errno)));
  const std::string text = nlohmann::json(request).dump();
  if (write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
    close(fd);
    throw std::runtime_error("cannot write the judge's request");
  }
  return fd;
}

// How the contestant ended, as bwrap passes it on: the exit code, or 128 + the signal.
struct Ending {
  int signal = 0;
  int exit_code = 0;
};

Ending ending_of(int status) {
  if (WIFSIGNALED(status)) return {WTERMSIG(status), 0};
  const int code = WEXITSTATUS(status);
  if (code > 128 && code <= 128 + 64) return {code - 128, 0};
  return {0, code};
}

// The verdict of a contestant that ended before the judge was done with it.
std::pair<Verdict, std::string> verdict_of_ending(const Ending& e, bool memory_exhausted, const SandboxLimits& limits,
                                                  const std::string& where) {
  if (memory_exhausted)
    return {Verdict::memory_limit, fmt::format("the solution used more than the {} MiB of host memory it may use{}",
                                               limits.memory_bytes >> 20, where)};
  if (e.signal == SIGSYS)
    return {Verdict::security_violation, fmt::format("the solution made a forbidden system call{}", where)};
  if (e.signal == SIGXCPU)
    return {Verdict::time_limit, fmt::format("the solution used up its CPU time{}", where)};
  if (e.signal == SIGXFSZ)
    return {Verdict::output_limit, fmt::format("the solution wrote a file larger than {} MiB{}", limits.file_bytes >> 20, where)};
  if (e.signal)
    return {Verdict::runtime_error, fmt::format("the solution crashed{}: {}", where, describe_signal(e.signal))};
  return {Verdict::runtime_error, fmt::format("the solution ended the process{} (exit code {})", where, e.exit_code)};
}

CompiledLibrary compile_file(const Problem& problem, const fs::path& file, const std::string& entry, const CompilerConfig& config) {
  return compile(entry_request(problem.spec, file, entry), config);
}

void kill_group(pid_t pid) { kill(-pid, SIGKILL); }

}  // namespace

BackendProbe probe_device(BackendKind kind, double timeout_seconds) {
  BackendProbe probe;
  ProcessResult r;
  try {
    r = run_process({evaluator_program().string(), "probe", "--backend", std::string(backend_name(kind))}, "", timeout_seconds, 1 << 16);
  } catch (const std::exception& e) {
    probe.failure = e.what();
    return probe;
  }
  std::string text = r.output;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  if (r.timed_out) {
    probe.failure = fmt::format("probing the {} backend did not finish within {:.0f} s", backend_name(kind), timeout_seconds);
  } else if (r.signal) {
    probe.failure = fmt::format("probing the {} backend crashed: {}", backend_name(kind), describe_signal(r.signal));
  } else if (r.exit_code != 0) {
    probe.failure = text.empty() ? fmt::format("probing the {} backend failed (exit code {})", backend_name(kind), r.exit_code) : text;
  } else {
    try {
      const auto j = nlohmann::json::parse(text.substr(text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1));
      probe.device = j.at("device").get<DeviceInfo>();
      probe.pci_bus_id = j.at("pci_bus_id").get<std::string>();
    } catch (const std::exception&) {
      probe.failure = fmt::format("probing the {} backend printed something other than its device: {}", backend_name(kind), text);
    }
  }
  return probe;
}

std::optional<std::string> probe_backend(BackendKind kind) {
  auto probe = probe_device(kind);
  if (probe.device) return std::nullopt;
  return probe.failure;
}

bool EvaluateRequest::runs_case(size_t index) const {
  return only_cases.empty() || std::find(only_cases.begin(), only_cases.end(), index) != only_cases.end();
}

EvalReport evaluate(const Problem& problem, const EvaluateRequest& request, const CompilerConfig& compiler,
                    const ProgressFn& progress) {
  const auto& spec = problem.spec;
  EvalReport report;
  report.problem = spec.slug;
  report.mode = std::string(mode_name(request.mode));
  report.solution = request.solution_file.filename().string();
  report.ranking = std::string(to_string(spec.ranking));
  const auto tell = [&](nlohmann::json j) {
    if (progress) progress(j);
  };

  tell({{"event", "compiling"}, {"what", "reference"}});
  const auto reference = compile_file(problem, problem.file(spec.reference_file), "reference", compiler);
  if (!reference.report.ok)
    throw SpecError(fmt::format("{}: the problem's reference does not compile: {}\n{}", problem.file(spec.reference_file).string(),
                                reference.report.summary, reference.report.diagnostics));
  fs::path checker_lib;
  if (spec.tolerance.kind == Tolerance::Kind::checker) {
    CompileRequest req;
    req.backend = BackendKind::cpu;
    req.source = read_text_file(problem.file(spec.tolerance.checker_file));
    req.file_name = fs::path(spec.tolerance.checker_file).filename().string();
    const auto checker = compile(req, compiler);
    if (!checker.report.ok)
      throw SpecError(fmt::format("{}: the problem's checker does not compile: {}\n{}", spec.tolerance.checker_file,
                                  checker.report.summary, checker.report.diagnostics));
    checker_lib = checker.library;
  }

  tell({{"event", "compiling"}, {"what", "solution"}});
  const auto solution = compile_file(problem, request.solution_file, "solution", compiler);
  report.compile = solution.report;
  if (!solution.report.ok) {
    report.verdict = solution.report.timed_out ? Verdict::compile_timeout : Verdict::compile_error;
    report.message = solution.report.summary;
    return report;
  }
  if (const auto refused = screen_library(solution.library)) {
    report.verdict = Verdict::security_violation;
    report.message = *refused;
    return report;
  }

  const CaseSet set = case_set_of(request.mode);
  size_t case_count = 0;
  for (size_t i = 0; i < spec.cases(set).size(); ++i) {
    if (request.runs_case(i)) ++case_count;
  }
  for (size_t i : request.only_cases)
    if (i >= spec.cases(set).size())
      throw std::invalid_argument(fmt::format("case {} does not exist: the problem has {} {} cases", i + 1,
                                              spec.cases(set).size(), case_set_name(set)));
  const double limit = request.time_limit_seconds > 0
                           ? request.time_limit_seconds
                           : 60.0 + (mode_is_timed(request.mode) ? 3.0 * request.stopping.budget_seconds * case_count : 0.0);

  // What the judge is asked, and the sandbox the contestant runs in.
  const bool gpu = spec.backend == BackendKind::cuda;
  const fs::path program = evaluator_program();
  JudgeRequest judged;
  judged.problem_dir = fs::absolute(problem.dir);
  judged.mode = request.mode;
  judged.secret_seed = request.secret_seed;
  judged.stopping = request.stopping;
  judged.input_sets = request.input_sets;
  judged.only_cases = request.only_cases;
  judged.verify_timer = request.verify_timer;
  judged.settle_context = request.settle_context || request.mode == Mode::ranked;
  judged.reference_library = reference.library;
  judged.checker_library = checker_lib;
  judged.measured_gpus = load_measured_gpus();
  judged.calibration_dir = compiler.cache_dir / "calibration";
  SandboxSpec box;
  box.command = {"/podium/podium-evaluator", "contestant", "--backend", std::string(backend_name(spec.backend)),
                 "--solution", "/podium/solution.so"};
  box.command.insert(box.command.end(), {"--channel-fd", "3"});
  if (request.verify_timer) box.command.push_back("--verify-timer");
  box.mounts = {{program, "/podium/podium-evaluator"}, {solution.library, "/podium/solution.so"}};
  box.gpu = gpu;
  box.wall_seconds = limit;
  box.limits = request.limits;
  Sandbox sandbox(box);

  // The descriptors: events from the judge, the channel between the judge and the contestant, the
  // contestant's output, the judge's request.
  const auto [events_read, events_write] = make_pipe();
  Fd events(events_read), events_sender(events_write);
  const auto [output_read, output_write] = make_pipe();
  Fd output(output_read), output_sender(output_write);
  Fd request_file(request_fd(judged));
  const auto [judge_side, contestant_side] = make_channel();
  Fd judge_end(judge_side), contestant_end(contestant_side);

  std::fflush(nullptr);
  SpawnOptions contestant_options = sandbox.spawn_options();
  contestant_options.stdout_fd = output_sender.get();
  contestant_options.stderr_fd = output_sender.get();
  contestant_options.fds = {{contestant_end.get(), 3}};
  const pid_t contestant = spawn_process(sandbox.argv(), contestant_options);
  SpawnOptions judge_options;
  judge_options.stdout_fd = 2;  // whatever the reference prints stays out of a --json report
  judge_options.fds = {{request_file.get(), 3}, {events_sender.get(), 4}, {judge_end.get(), 5}};
  pid_t judge;
  try {
    judge = spawn_process({program.string(), "judge", "--request-fd", "3", "--events-fd", "4", "--channel-fd", "5"}, judge_options);
  } catch (...) {
    kill_group(contestant);
    waitpid(contestant, nullptr, 0);
    throw;
  }
  events_sender.reset();
  output_sender.reset();
  contestant_end.reset();
  judge_end.reset();
  request_file.reset();

  // Read the events and the contestant's output until the events end or time runs out.
  const auto start = std::chrono::steady_clock::now();
  const auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  std::string buffer, current_case;
  bool finished = false, lost = false, timed_out = false, output_exceeded = false;
  uint64_t printed = 0;
  std::optional<std::pair<Verdict, std::string>> failure;
  std::optional<std::string> unavailable;
  char chunk[65536];
  const auto handle_event = [&](const nlohmann::json& j) {
    const auto event = j.value("event", "");
    if (event == "device") {
      report.device = j.at("device").get<DeviceInfo>();
    } else if (event == "case_start") {
      current_case = fmt::format("{} case {}/{} '{}'", j.at("set").get<std::string>(), j.at("index").get<size_t>() + 1,
                                 j.at("of").get<size_t>(), j.at("name").get<std::string>());
      tell(j);
    } else if (event == "case_done") {
      report.cases.push_back(j.at("result").get<CaseResult>());
      current_case.clear();
      tell(j);
    } else if (event == "failed" && !failure) {
      failure = {parse_verdict(j.at("verdict").get<std::string>()).value_or(Verdict::internal_error), j.at("message").get<std::string>()};
    } else if (event == "unavailable") {
      unavailable = j.at("message").get<std::string>();
    } else if (event == "lost") {
      lost = true;
    } else if (event == "finished") {
      finished = true;
    }
  };
  // Reads what the contestant printed; false once it has closed its output.
  const auto read_output = [&] {
    const ssize_t n = read(output.get(), chunk, sizeof chunk);
    if (n <= 0) return false;
    const uint64_t room = request.limits.output_bytes > printed ? request.limits.output_bytes - printed : 0;
    if (request.echo_output && room) (void)!write(2, chunk, std::min<uint64_t>(room, static_cast<uint64_t>(n)));
    printed += static_cast<uint64_t>(n);
    if (printed > request.limits.output_bytes && !output_exceeded) {
      output_exceeded = true;
      kill_group(contestant);
      sandbox.kill_all();
    }
    return true;
  };
  bool output_open = true;
  for (bool events_open = true; events_open;) {
    const double left = limit - elapsed();
    if (left <= 0) {
      timed_out = true;
      break;
    }
    pollfd p[2] = {{events.get(), POLLIN, 0}, {output_open ? output.get() : -1, POLLIN, 0}};
    const int ready = poll(p, 2, static_cast<int>(std::min(left, 1.0) * 1000) + 1);
    if (ready <= 0) continue;
    if (p[1].revents) output_open = read_output();
    if (!p[0].revents) continue;
    const ssize_t n = read(events.get(), chunk, sizeof chunk);
    if (n <= 0) {
      events_open = false;
      continue;
    }
    buffer.append(chunk, static_cast<size_t>(n));
    for (size_t nl; (nl = buffer.find('\n')) != std::string::npos;) {
      const auto j = nlohmann::json::parse(buffer.substr(0, nl), nullptr, false);
      buffer.erase(0, nl + 1);
      if (j.is_object()) handle_event(j);
    }
  }
  // The contestant ends once the judge hangs up; what it prints meanwhile still counts.
  const double grace_end = std::min(limit, elapsed() + 2.0);
  while (!timed_out && output_open && elapsed() < grace_end) {
    pollfd p{output.get(), POLLIN, 0};
    if (poll(&p, 1, 50) > 0) output_open = read_output();
  }
  kill_group(contestant);
  kill_group(judge);
  sandbox.kill_all();
  int contestant_status = 0, judge_status = 0;
  waitpid(contestant, &contestant_status, 0);
  waitpid(judge, &judge_status, 0);
  report.evaluation_seconds = elapsed();

  if (unavailable) throw BackendUnavailable(*unavailable);
  const std::string where = current_case.empty() ? "" : " during " + current_case;
  if (timed_out) {
    report.verdict = Verdict::time_limit;
    report.message = fmt::format("the evaluation exceeded its {:g} s time limit{}", limit, where);
  } else if (output_exceeded) {
    report.verdict = Verdict::output_limit;
    report.message = fmt::format("the solution printed more than {} KiB{}; remove debugging output",
                                 request.limits.output_bytes >> 10, where);
  } else if (failure) {
    report.verdict = failure->first;
    report.message = failure->second;
  } else if (finished) {
    const CaseResult* bad = nullptr;
    for (const auto& c : report.cases)
      if (!c.passed && !bad) bad = &c;
    if (bad) {
      report.verdict = Verdict::wrong_answer;
      report.message = fmt::format("{} case {} '{}': {}", bad->set, bad->index + 1, bad->name, bad->message);
    } else {
      report.verdict = Verdict::accepted;
      if (mode_is_timed(request.mode) && !report.cases.empty()) {
        // A time that is not positive cannot be ranked: the timer was fooled (work kept out of the
        // timed interval) or the call is below the timer's resolution.
        std::vector<double> times;
        const CaseResult* unrankable = nullptr;
        for (const auto& c : report.cases) {
          if (!c.timing) continue;
          if (c.timing->summary.mean > 0) {
            times.push_back(c.timing->summary.mean);
          } else if (!unrankable) {
            unrankable = &c;
          }
        }
        if (unrankable) {
          report.message = fmt::format("not ranked: {} case {} '{}' measured {:.3g} s, which is no time at all; work done "
                                       "outside the call (another stream, a thread) is not timed",
                                       unrankable->set, unrankable->index + 1, unrankable->name, unrankable->timing->summary.mean);
        } else if (!times.empty()) {
          report.score_seconds = aggregate(spec.ranking, times);
        }
      }
    }
  } else if (lost) {
    std::tie(report.verdict, report.message) =
        verdict_of_ending(ending_of(contestant_status), sandbox.memory_exhausted(), request.limits, where);
  } else {
    report.verdict = Verdict::internal_error;
    report.message = fmt::format("the judge process ended without a verdict{} ({}); the problem's reference or checker may "
                                 "have crashed it",
                                 where,
                                 WIFSIGNALED(judge_status) ? describe_signal(WTERMSIG(judge_status))
                                                           : fmt::format("exit code {}", WEXITSTATUS(judge_status)));
  }
  return report;
}

}  // namespace podium
