// JSON form of the evaluation report. Field names are the documented schema "podium.eval/1"
// (docs/problem-format.md, "Evaluation report"); change them only with a new schema version.
#include "core/report.hpp"

#include <cmath>

namespace podium {

using nlohmann::json;

std::string_view verdict_name(Verdict v) {
  switch (v) {
    case Verdict::accepted:
      return "accepted";
    case Verdict::wrong_answer:
      return "wrong_answer";
    case Verdict::compile_error:
      return "compile_error";
    case Verdict::compile_timeout:
      return "compile_timeout";
    case Verdict::time_limit:
      return "time_limit";
    case Verdict::memory_limit:
      return "memory_limit";
    case Verdict::gpu_fault:
      return "gpu_fault";
    case Verdict::runtime_error:
      return "runtime_error";
    case Verdict::output_limit:
      return "output_limit";
    case Verdict::security_violation:
      return "security_violation";
    case Verdict::internal_error:
      return "internal_error";
  }
  return "internal_error";
}

std::optional<Verdict> parse_verdict(std::string_view s) {
  for (auto v : kVerdicts)
    if (verdict_name(v) == s) return v;
  return std::nullopt;
}

std::string_view verdict_meaning(Verdict v) {
  switch (v) {
    case Verdict::accepted:
      return "every checked call produced outputs within the problem's tolerance and left its inputs untouched";
    case Verdict::wrong_answer:
      return "an output was outside the tolerance, or the solution modified an input; the message names the element";
    case Verdict::compile_error:
      return "the compiler rejected the file; the message quotes the first error and its line";
    case Verdict::compile_timeout:
      return "compilation ran past its time limit; look for deep template or constexpr recursion";
    case Verdict::time_limit:
      return "the evaluation ran past its wall-time limit, or a process past its CPU-time limit; look for a loop "
             "or a kernel that never ends";
    case Verdict::memory_limit:
      return "the solution exhausted host memory or GPU memory; allocate less, or free what each call allocates";
    case Verdict::gpu_fault:
      return "a kernel faulted on the GPU (illegal address, illegal instruction, device-side assert); check the "
             "indexing of the kernel the message names";
    case Verdict::runtime_error:
      return "the solution crashed, exited in the middle of a call, or a CUDA call failed; the message says how";
    case Verdict::output_limit:
      return "the solution printed too much or wrote too large a file; remove debugging output";
    case Verdict::security_violation:
      return "the solution used something submissions may not (a process, the network, a forbidden system call or "
             "symbol); the message names it";
    case Verdict::internal_error:
      return "the evaluation failed for a reason that is not the solution's (Podium or the problem); report it";
  }
  return "";
}

std::string_view mode_name(Mode m) {
  switch (m) {
    case Mode::test:
      return "test";
    case Mode::benchmark:
      return "benchmark";
    case Mode::ranked:
      return "ranked";
  }
  return "test";
}

std::optional<Mode> parse_mode(std::string_view s) {
  for (auto m : {Mode::test, Mode::benchmark, Mode::ranked})
    if (mode_name(m) == s) return m;
  return std::nullopt;
}

bool mode_is_timed(Mode m) { return m != Mode::test; }

void to_json(json& j, const KernelResources& k) {
  j = {{"name", k.name},
       {"registers", k.registers},
       {"shared_bytes", k.shared_bytes},
       {"stack_bytes", k.stack_bytes},
       {"spill_store_bytes", k.spill_store_bytes},
       {"spill_load_bytes", k.spill_load_bytes}};
}

void from_json(const json& j, KernelResources& k) {
  j.at("name").get_to(k.name);
  j.at("registers").get_to(k.registers);
  j.at("shared_bytes").get_to(k.shared_bytes);
  j.at("stack_bytes").get_to(k.stack_bytes);
  j.at("spill_store_bytes").get_to(k.spill_store_bytes);
  j.at("spill_load_bytes").get_to(k.spill_load_bytes);
}

void to_json(json& j, const CompileReport& c) {
  j = {{"ok", c.ok},          {"cached", c.cached},           {"timed_out", c.timed_out}, {"seconds", c.seconds},
       {"command", c.command}, {"diagnostics", c.diagnostics}, {"summary", c.summary},     {"kernels", c.kernels}};
}

void from_json(const json& j, CompileReport& c) {
  j.at("ok").get_to(c.ok);
  j.at("cached").get_to(c.cached);
  j.at("timed_out").get_to(c.timed_out);
  j.at("seconds").get_to(c.seconds);
  j.at("command").get_to(c.command);
  j.at("diagnostics").get_to(c.diagnostics);
  j.at("summary").get_to(c.summary);
  j.at("kernels").get_to(c.kernels);
}

namespace {

// JSON has no NaN or infinity; a wrong output element often is one, so they travel as strings.
json number_json(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  return v;
}

double number_from(const json& j) {
  if (j.is_string()) {
    const auto s = j.get<std::string>();
    if (s == "inf") return INFINITY;
    if (s == "-inf") return -INFINITY;
    return NAN;
  }
  return j.get<double>();
}

json summary_json(const Summary& s) {
  return {{"count", s.count}, {"mean", s.mean},     {"median", s.median},
          {"min", s.min},     {"max", s.max},       {"stddev", s.stddev},
          {"rel_std_error", s.rel_std_error}};
}

Summary summary_from(const json& j) {
  Summary s;
  j.at("count").get_to(s.count);
  j.at("mean").get_to(s.mean);
  j.at("median").get_to(s.median);
  j.at("min").get_to(s.min);
  j.at("max").get_to(s.max);
  j.at("stddev").get_to(s.stddev);
  j.at("rel_std_error").get_to(s.rel_std_error);
  return s;
}

StopReason stop_from(const std::string& s) {
  for (auto r : {StopReason::not_yet, StopReason::converged, StopReason::budget, StopReason::max_samples})
    if (to_string(r) == s) return r;
  return StopReason::not_yet;
}

}  // namespace

void to_json(json& j, const CaseResult& c) {
  json outputs = json::array();
  for (const auto& o : c.outputs) {
    json mismatches = json::array();
    for (const auto& m : o.first)
      mismatches.push_back({{"index", m.index}, {"position", m.position}, {"got", number_json(m.got)}, {"expected", number_json(m.expected)}});
    outputs.push_back({{"name", o.name},
                       {"passed", o.passed},
                       {"count", o.count},
                       {"bad", o.bad},
                       {"first_mismatches", mismatches},
                       {"max_abs_error", o.max_abs_error},
                       {"max_rel_error", o.max_rel_error},
                       {"message", o.message}});
  }
  j = {{"set", c.set},         {"index", c.index}, {"name", c.name}, {"seed", c.seed},
       {"passed", c.passed},   {"message", c.message}, {"outputs", outputs}};
  if (c.timing) {
    const auto& t = *c.timing;
    j["timing"] = {{"summary", summary_json(t.summary)},
                   {"stop", std::string(to_string(t.stop))},
                   {"wall_seconds", t.wall_seconds},
                   {"clock", t.clock},
                   {"input_sets", t.input_sets},
                   {"checked_calls", t.checked_calls},
                   {"throttled_samples", t.throttled_samples},
                   {"deadlocked_samples", t.deadlocked_samples},
                   {"sm_clock_mhz_min", t.sm_clock_mhz_min},
                   {"sm_clock_mhz_max", t.sm_clock_mhz_max},
                   {"temperature_c_max", t.temperature_c_max},
                   {"launch_latency_hidden", t.launch_latency_hidden}};
    j["timing"]["set_means"] = t.set_means;
    if (t.cupti_mean_seconds) {
      j["timing"]["cupti_mean_seconds"] = *t.cupti_mean_seconds;
      j["timing"]["cupti_operations"] = t.cupti_operations;
    }
  }
  if (c.sol_seconds) j["sol_seconds"] = *c.sol_seconds;
  j["faster_than_light"] = c.faster_than_light;
  j["seconds"] = c.seconds;
}

void from_json(const json& j, CaseResult& c) {
  j.at("set").get_to(c.set);
  j.at("index").get_to(c.index);
  j.at("name").get_to(c.name);
  j.at("seed").get_to(c.seed);
  j.at("passed").get_to(c.passed);
  j.at("message").get_to(c.message);
  for (const auto& o : j.at("outputs")) {
    OutputCheck oc;
    o.at("name").get_to(oc.name);
    o.at("passed").get_to(oc.passed);
    o.at("count").get_to(oc.count);
    o.at("bad").get_to(oc.bad);
    o.at("max_abs_error").get_to(oc.max_abs_error);
    o.at("max_rel_error").get_to(oc.max_rel_error);
    o.at("message").get_to(oc.message);
    for (const auto& m : o.at("first_mismatches"))
      oc.first.push_back({m.at("index").get<uint64_t>(), m.at("position").get<std::string>(), number_from(m.at("got")),
                          number_from(m.at("expected"))});
    c.outputs.push_back(std::move(oc));
  }
  if (j.contains("timing")) {
    const auto& t = j.at("timing");
    Timing timing;
    timing.summary = summary_from(t.at("summary"));
    timing.stop = stop_from(t.at("stop").get<std::string>());
    t.at("wall_seconds").get_to(timing.wall_seconds);
    t.at("clock").get_to(timing.clock);
    t.at("input_sets").get_to(timing.input_sets);
    t.at("checked_calls").get_to(timing.checked_calls);
    t.at("throttled_samples").get_to(timing.throttled_samples);
    t.at("deadlocked_samples").get_to(timing.deadlocked_samples);
    t.at("sm_clock_mhz_min").get_to(timing.sm_clock_mhz_min);
    t.at("sm_clock_mhz_max").get_to(timing.sm_clock_mhz_max);
    t.at("temperature_c_max").get_to(timing.temperature_c_max);
    t.at("launch_latency_hidden").get_to(timing.launch_latency_hidden);
    if (t.contains("cupti_mean_seconds")) timing.cupti_mean_seconds = t.at("cupti_mean_seconds").get<double>();
    timing.cupti_operations = t.value("cupti_operations", 0);
    if (t.contains("set_means")) t.at("set_means").get_to(timing.set_means);
    c.timing = timing;
  }
  if (j.contains("sol_seconds")) c.sol_seconds = j.at("sol_seconds").get<double>();
  c.faster_than_light = j.value("faster_than_light", false);
  c.seconds = j.value("seconds", 0.0);
}

void to_json(json& j, const DeviceInfo& d) {
  j = {{"backend", d.backend},   {"name", d.name},         {"driver", d.driver},
       {"sm_count", d.sm_count}, {"l2_bytes", d.l2_bytes}, {"memory_bytes", d.memory_bytes},
       {"sm_clock_mhz", d.sm_clock_mhz}};
}

void from_json(const json& j, DeviceInfo& d) {
  j.at("backend").get_to(d.backend);
  j.at("name").get_to(d.name);
  j.at("driver").get_to(d.driver);
  j.at("sm_count").get_to(d.sm_count);
  j.at("l2_bytes").get_to(d.l2_bytes);
  j.at("memory_bytes").get_to(d.memory_bytes);
  j.at("sm_clock_mhz").get_to(d.sm_clock_mhz);
}

void to_json(json& j, const EvalReport& r) {
  j = {{"schema", kReportSchema},
       {"problem", r.problem},
       {"mode", r.mode},
       {"solution", r.solution},
       {"verdict", std::string(verdict_name(r.verdict))},
       {"message", r.message},
       {"device", r.device},
       {"compile", r.compile},
       {"cases", r.cases},
       {"ranking", r.ranking}};
  j["score_seconds"] = r.score_seconds ? json(*r.score_seconds) : json(nullptr);
  j["evaluation_seconds"] = r.evaluation_seconds;
}

void from_json(const json& j, EvalReport& r) {
  if (j.value("schema", "") != kReportSchema)
    throw std::runtime_error("evaluation report has schema '" + j.value("schema", "") + "', expected " + kReportSchema);
  j.at("problem").get_to(r.problem);
  j.at("mode").get_to(r.mode);
  j.at("solution").get_to(r.solution);
  r.verdict = parse_verdict(j.at("verdict").get<std::string>()).value_or(Verdict::internal_error);
  j.at("message").get_to(r.message);
  j.at("device").get_to(r.device);
  j.at("compile").get_to(r.compile);
  j.at("cases").get_to(r.cases);
  j.at("ranking").get_to(r.ranking);
  if (!j.at("score_seconds").is_null()) r.score_seconds = j.at("score_seconds").get<double>();
  j.at("evaluation_seconds").get_to(r.evaluation_seconds);
}

}  // namespace podium
