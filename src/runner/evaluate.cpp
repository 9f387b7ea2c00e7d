// Compile, then evaluate in a child process. See evaluate.hpp.
//
// The child reports over a pipe, one JSON object per line: "device", "case_start", "case_done",
// and finally "finished" or "failed" (a verdict and a message). The parent keeps the last
// "case_start" so that when the child dies it can say in which case it died.
#include "runner/evaluate.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <cstdio>
#include <fmt/format.h>

#include "eval/gpu_file.hpp"
#include "eval/library.hpp"
#include "runner/process.hpp"

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

void send(int fd, const nlohmann::json& j) {
  const std::string line = j.dump() + "\n";
  size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = write(fd, line.data() + done, line.size() - done);
    if (n <= 0) _exit(3);
    done += static_cast<size_t>(n);
  }
}

// Runs in the child: everything that touches the device or submission code.
[[noreturn]] void child_main(int fd, const Problem& problem, const EvaluateRequest& request,
                             const std::filesystem::path& solution_lib, const std::filesystem::path& reference_lib,
                             const std::filesystem::path& checker_lib) {
  try {
    std::unique_ptr<Backend> backend;
    try {
      backend = make_backend(problem.spec.backend, BackendOptions{request.verify_timer});
    } catch (const BackendUnavailable& e) {
      send(fd, {{"event", "unavailable"}, {"message", e.what()}});
      _exit(0);
    }
    send(fd, {{"event", "device"}, {"device", backend->device()}});
    Library reference(reference_lib.string());
    Library solution(solution_lib.string());
    std::unique_ptr<Library> checker;
    CheckerFunction check_fn = nullptr;
    if (!checker_lib.empty()) {
      checker = std::make_unique<Library>(checker_lib.string());
      check_fn = reinterpret_cast<CheckerFunction>(checker->symbol("check"));
    }
    Evaluator evaluator(problem.spec, *backend, solution.entry(), reference.entry(), check_fn,
                        find_gpu(backend->device().name, load_measured_gpus()));
    EvalOptions options;
    options.mode = request.mode;
    options.secret_seed = request.secret_seed;
    options.stopping = request.stopping;
    // Results go out one by one, so a crash later still leaves the earlier ones with the parent.
    const CaseSet set = case_set_of(request.mode);
    const auto& cases = problem.spec.cases(set);
    for (size_t i = 0; i < cases.size(); ++i) {
      if (!request.runs_case(i)) continue;
      send(fd, {{"event", "case_start"}, {"set", case_set_name(set)}, {"index", i}, {"of", cases.size()}, {"name", cases[i].name}});
      try {
        const CaseResult r = evaluator.run_case(set, i, options);
        send(fd, {{"event", "case_done"}, {"result", r}});
        if (!r.passed) break;
      } catch (const RuntimeFault& e) {
        send(fd, {{"event", "failed"},
                  {"verdict", "runtime_error"},
                  {"message", fmt::format("case '{}': {}", cases[i].name, e.what())}});
        _exit(0);
      }
    }
    send(fd, {{"event", "finished"}});
    _exit(0);
  } catch (const std::exception& e) {
    send(fd, {{"event", "failed"}, {"verdict", "internal_error"}, {"message", e.what()}});
    _exit(0);
  }
}

struct Child {
  pid_t pid;
  int read_fd;  // the child's end is its `write_fd`
};

// Forks a child that runs `body(write_fd)`, which must end with _exit; returns the read end of the pipe.
Child fork_with_pipe(const std::function<void(int)>& body) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    close(fds[0]);
    body(fds[1]);
    _exit(0);
  }
  close(fds[1]);
  return {pid, fds[0]};
}

CompiledLibrary compile_file(const Problem& problem, const std::filesystem::path& file, const std::string& entry,
                             const CompilerConfig& config) {
  return compile(entry_request(problem.spec, file, entry), config);
}

}  // namespace

std::optional<std::string> probe_backend(BackendKind kind) {
  const Child child = fork_with_pipe([kind](int fd) {
    std::string reason;
    try {
      make_backend(kind);
    } catch (const std::exception& e) {
      reason = e.what();
      if (reason.empty()) reason = "unusable";
    }
    (void)!write(fd, reason.data(), reason.size());
  });
  std::string reason;
  char buf[4096];
  ssize_t n;
  while ((n = read(child.read_fd, buf, sizeof buf)) > 0) reason.append(buf, static_cast<size_t>(n));
  close(child.read_fd);
  int status = 0;
  waitpid(child.pid, &status, 0);
  if (!WIFEXITED(status)) return "probing the " + std::string(backend_name(kind)) + " backend crashed";
  if (!reason.empty()) return reason;
  return std::nullopt;
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
  std::filesystem::path checker_lib;
  if (spec.tolerance.kind == Tolerance::Kind::checker) {
    CompileRequest req;
    req.backend = BackendKind::cpu;
    req.source = read_text_file(problem.file(spec.tolerance.checker_file));
    req.file_name = std::filesystem::path(spec.tolerance.checker_file).filename().string();
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

  const Child child = fork_with_pipe([&](int fd) {
    dup2(2, 1);  // whatever the submission prints goes to stderr, never into a --json report
    child_main(fd, problem, request, solution.library, reference.library, checker_lib);
  });
  const pid_t pid = child.pid;
  const int read_fd = child.read_fd;

  // Read the child's events until it closes the pipe or runs out of time.
  const auto start = std::chrono::steady_clock::now();
  const auto stamp_duration = [&] {
    report.evaluation_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  std::string buffer, current_case;
  bool finished = false, timed_out = false;
  std::optional<std::pair<Verdict, std::string>> failure;
  std::optional<std::string> unavailable;
  char chunk[65536];
  for (;;) {
    const double left = limit - std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (left <= 0) {
      timed_out = true;
      kill(pid, SIGKILL);
      break;
    }
    pollfd p{read_fd, POLLIN, 0};
    const int ready = poll(&p, 1, static_cast<int>(std::min(left, 1.0) * 1000) + 1);
    if (ready <= 0) continue;
    const ssize_t n = read(read_fd, chunk, sizeof chunk);
    if (n <= 0) break;
    buffer.append(chunk, static_cast<size_t>(n));
    size_t nl;
    while ((nl = buffer.find('\n')) != std::string::npos) {
      const auto j = nlohmann::json::parse(buffer.substr(0, nl), nullptr, false);
      buffer.erase(0, nl + 1);
      if (j.is_discarded()) continue;
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
      } else if (event == "failed") {
        failure = {parse_verdict(j.at("verdict").get<std::string>()).value_or(Verdict::internal_error),
                   j.at("message").get<std::string>()};
      } else if (event == "unavailable") {
        unavailable = j.at("message").get<std::string>();
      } else if (event == "finished") {
        finished = true;
      }
    }
  }
  close(read_fd);
  int status = 0;
  waitpid(pid, &status, 0);
  stamp_duration();

  if (unavailable) throw BackendUnavailable(*unavailable);
  const std::string where = current_case.empty() ? "" : " during " + current_case;
  if (timed_out) {
    report.verdict = Verdict::time_limit;
    report.message = fmt::format("the evaluation exceeded its {:g} s time limit{}", limit, where);
  } else if (failure) {
    report.verdict = failure->first;
    report.message = failure->second;
  } else if (WIFSIGNALED(status)) {
    report.verdict = Verdict::runtime_error;
    report.message = fmt::format("the solution crashed{}: {}", where, describe_signal(WTERMSIG(status)));
  } else if (!finished) {
    report.verdict = Verdict::runtime_error;
    report.message = fmt::format("the solution ended the process{} (exit code {})", where,
                                 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  } else {
    const CaseResult* bad = nullptr;
    for (const auto& c : report.cases)
      if (!c.passed && !bad) bad = &c;
    if (bad) {
      report.verdict = Verdict::wrong_answer;
      report.message = fmt::format("{} case {} '{}': {}", bad->set, bad->index + 1, bad->name, bad->message);
    } else {
      report.verdict = Verdict::accepted;
      if (mode_is_timed(request.mode) && !report.cases.empty()) {
        std::vector<double> times;
        for (const auto& c : report.cases)
          if (c.timing) times.push_back(c.timing->summary.mean);
        if (!times.empty()) report.score_seconds = aggregate(spec.ranking, times);
      }
    }
  }
  return report;
}

}  // namespace podium
