// The judge. See judge.hpp.
#include "runner/judge.hpp"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>
#include <fstream>
#include <functional>

#include "eval/context_kinds.hpp"
#include "eval/gpu_file.hpp"
#include "eval/library.hpp"
#include "runner/contestant.hpp"
#include "runner/hash.hpp"

namespace podium {

using nlohmann::json;

void to_json(json& j, const JudgeRequest& r) {
  j = {{"problem_dir", r.problem_dir.string()},
       {"mode", std::string(mode_name(r.mode))},
       {"stopping",
        {{"target_rel_std_error", r.stopping.target_rel_std_error},
         {"min_samples", r.stopping.min_samples},
         {"slow_min_samples", r.stopping.slow_min_samples},
         {"max_samples", r.stopping.max_samples},
         {"budget_seconds", r.stopping.budget_seconds}}},
       {"input_sets", r.input_sets},
       {"only_cases", r.only_cases},
       {"verify_timer", r.verify_timer},
       {"settle_context", r.settle_context},
       {"reference_library", r.reference_library.string()},
       {"checker_library", r.checker_library.string()},
       {"measured_gpus", r.measured_gpus},
       {"calibration_dir", r.calibration_dir.string()}};
  j["secret_seed"] = r.secret_seed ? json(*r.secret_seed) : json(nullptr);
}

void from_json(const json& j, JudgeRequest& r) {
  r.problem_dir = j.at("problem_dir").get<std::string>();
  r.mode = parse_mode(j.at("mode").get<std::string>()).value_or(Mode::test);
  const auto& s = j.at("stopping");
  s.at("target_rel_std_error").get_to(r.stopping.target_rel_std_error);
  s.at("min_samples").get_to(r.stopping.min_samples);
  s.at("slow_min_samples").get_to(r.stopping.slow_min_samples);
  s.at("max_samples").get_to(r.stopping.max_samples);
  s.at("budget_seconds").get_to(r.stopping.budget_seconds);
  j.at("input_sets").get_to(r.input_sets);
  j.at("only_cases").get_to(r.only_cases);
  j.at("verify_timer").get_to(r.verify_timer);
  r.settle_context = j.value("settle_context", false);
  r.reference_library = j.at("reference_library").get<std::string>();
  r.checker_library = j.at("checker_library").get<std::string>();
  j.at("measured_gpus").get_to(r.measured_gpus);
  r.calibration_dir = j.value("calibration_dir", "");
  if (!j.at("secret_seed").is_null()) r.secret_seed = j.at("secret_seed").get<uint64_t>();
}

namespace {

// Writes one event line to `fd`; ends the process when nobody reads any more.
void write_event(int fd, const json& event) {
  const std::string line = event.dump() + "\n";
  size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = write(fd, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) _exit(3);
    done += static_cast<size_t>(n);
  }
}

// The evaluation's cases, as events on `events_fd`; every failure becomes an event.
void run_judge(const Problem& problem, const JudgeRequest& request, int events_fd, Backend& backend, Contestant& contestant,
               EntryPoint reference, CheckerFunction checker, const DeviceInfo& device) {
  const auto& spec = problem.spec;
  const CaseSet set = request.mode == Mode::test ? CaseSet::test : request.mode == Mode::benchmark ? CaseSet::benchmark : CaseSet::ranked;
  const auto& cases = spec.cases(set);
  std::string current;
  try {
    write_event(events_fd, {{"event", "device"}, {"device", device}});
    Evaluator evaluator(spec, backend, contestant, reference, checker, find_gpu(device.name, request.measured_gpus));
    EvalOptions options;
    options.mode = request.mode;
    options.secret_seed = request.secret_seed;
    options.stopping = request.stopping;
    options.max_input_sets = request.input_sets;
    // Results go out one by one, so a crash later still leaves the earlier ones with the parent.
    for (size_t i = 0; i < cases.size(); ++i) {
      const auto& only = request.only_cases;
      if (!only.empty() && std::find(only.begin(), only.end(), i) == only.end()) continue;
      current = fmt::format("case '{}': ", cases[i].name);
      write_event(events_fd, {{"event", "case_start"}, {"set", case_set_name(set)}, {"index", i}, {"of", cases.size()}, {"name", cases[i].name}});
      const CaseResult r = evaluator.run_case(set, i, options);
      write_event(events_fd, {{"event", "case_done"}, {"result", r}});
      if (!r.passed) break;
    }
    write_event(events_fd, {{"event", "finished"}});
  } catch (const SubmissionFault& e) {
    write_event(events_fd, {{"event", "failed"}, {"verdict", verdict_name(e.verdict())}, {"message", current + e.what()}});
  } catch (const ContestantLost& e) {
    write_event(events_fd, {{"event", "lost"}, {"message", e.what()}});
  } catch (const std::exception& e) {
    write_event(events_fd, {{"event", "failed"}, {"verdict", verdict_name(Verdict::internal_error)}, {"message", current + e.what()}});
  }
}

// The request, read whole from a descriptor.
JudgeRequest read_request(int fd) {
  std::string text;
  char buf[65536];
  ssize_t n;
  lseek(fd, 0, SEEK_SET);
  while ((n = read(fd, buf, sizeof buf)) > 0) text.append(buf, static_cast<size_t>(n));
  close(fd);
  return json::parse(text).get<JudgeRequest>();
}

// What is measured once per GPU and driver: kept in `dir` as PREFIX-<hash of key>.json, read from there
// when it is, else measured (nullopt: it cannot be; nothing kept) and kept for later evaluations. One
// that cannot be kept is still used by this evaluation.
std::optional<json> cached_calibration(const std::filesystem::path& dir, const std::string& prefix, const std::string& key,
                                       const std::function<std::optional<json>()>& measure) {
  const auto file = dir / fmt::format("{}-{}.json", prefix, sha256_hex(key).substr(0, 16));
  if (std::ifstream in(file); in) {
    try {
      json j = json::parse(in);
      if (j.at("key") == key) return j;
    } catch (const std::exception&) {
      // Unreadable: measured again below, and replaced.
    }
  }
  auto measured = measure();
  if (!measured) return std::nullopt;
  (*measured)["key"] = key;
  try {
    write_file_atomically(file, measured->dump(2) + "\n");
  } catch (const std::exception&) {
  }
  return measured;
}

}  // namespace

std::optional<double> cached_empty_kernel_span(const std::filesystem::path& dir, Backend& backend) {
  if (dir.empty()) return std::nullopt;
  const DeviceInfo device = backend.device();
  const auto kept = cached_calibration(dir, "empty-kernel-span", cuda_device_key(),
                                       [&]() -> std::optional<json> {
                                         const auto span = backend.measure_empty_kernel_span(4000);
                                         if (!span) return std::nullopt;
                                         return json{{"device", device.name}, {"driver", device.driver}, {"empty_kernel_seconds", *span}};
                                       });
  if (!kept) return std::nullopt;
  return kept->at("empty_kernel_seconds").get<double>();
}

std::optional<double> cached_fast_context_bound(const std::filesystem::path& dir) {
  if (dir.empty()) return std::nullopt;
  const auto kept = cached_calibration(dir, "context-kinds", cuda_device_key(), []() -> std::optional<json> {
    std::fprintf(stderr, "podium: measuring how this GPU's CUDA contexts launch kernels (%d contexts, about %d s; once per GPU and driver)\n",
                 kSampledContexts, kSampledContexts / 6 + 1);
    try {
      const ContextKinds kinds = classify_contexts(sample_context_gaps(kSampledContexts));
      return json{{"gaps_seconds", kinds.gaps},
                  {"fast_below_seconds", kinds.fast_below ? json(*kinds.fast_below) : json(nullptr)}};
    } catch (const std::exception& e) {
      std::fprintf(stderr, "podium: could not measure them (%s): contexts are not settled\n", e.what());
      return std::nullopt;
    }
  });
  if (!kept || !kept->contains("fast_below_seconds") || kept->at("fast_below_seconds").is_null()) return std::nullopt;
  return kept->at("fast_below_seconds").get<double>();
}

std::optional<std::string> program_option(const std::vector<std::string>& args, const std::string& name) {
  const auto it = std::find(args.begin(), args.end(), name);
  if (it == args.end() || it + 1 == args.end()) return std::nullopt;
  return *(it + 1);
}

int program_fd(const std::vector<std::string>& args, const std::string& name) {
  const auto v = program_option(args, name);
  if (!v) throw std::invalid_argument(fmt::format("podium-evaluator: {} is required", name));
  return std::stoi(*v);
}

int judge_main(const std::vector<std::string>& args) {
  signal(SIGPIPE, SIG_IGN);
  const int events = program_fd(args, "--events-fd");
  try {
    const JudgeRequest request = read_request(program_fd(args, "--request-fd"));
    const int channel = program_fd(args, "--channel-fd");
    const Problem problem = load_problem(request.problem_dir);
    // First the contestant is told whether to settle into a fast context (eval/context_kinds.hpp),
    // which it does before it uses the device; the boundary is measured here the first time, before
    // this process's own context is made.
    const bool settle = request.settle_context && problem.spec.backend == BackendKind::cuda && mode_is_timed(request.mode);
    send_settle(channel, settle ? cached_fast_context_bound(request.calibration_dir) : std::nullopt);
    // The judge never times anything: the timer cross-check belongs to the contestant's backend.
    const auto backend = make_backend(problem.spec.backend);
    Library reference(request.reference_library.string());
    std::unique_ptr<Library> checker;
    if (!request.checker_library.empty()) checker = std::make_unique<Library>(request.checker_library.string());
    RemoteContestant contestant(channel, problem.spec, *backend);
    if (problem.spec.backend == BackendKind::cuda && mode_is_timed(request.mode))
      if (const auto span = cached_empty_kernel_span(request.calibration_dir, *backend)) contestant.give_empty_kernel_span(*span);
    run_judge(problem, request, events, *backend, contestant, reference.entry(),
              checker ? reinterpret_cast<CheckerFunction>(checker->symbol("check")) : nullptr, backend->device());
  } catch (const BackendUnavailable& e) {
    write_event(events, {{"event", "unavailable"}, {"message", e.what()}});
  } catch (const ContestantLost& e) {
    write_event(events, {{"event", "lost"}, {"message", e.what()}});
  } catch (const SubmissionFault& e) {
    write_event(events, {{"event", "failed"}, {"verdict", verdict_name(e.verdict())}, {"message", e.what()}});
  } catch (const std::exception& e) {
    write_event(events, {{"event", "failed"}, {"verdict", verdict_name(Verdict::internal_error)}, {"message", e.what()}});
  }
  return 0;
}

}  // namespace podium
