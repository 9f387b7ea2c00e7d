// The result of an evaluation: verdict, per-case results, timing, compile report. One definition,
// serialized as versioned JSON ("podium.eval/1") both by the evaluating child process and by
// `podium eval --json`.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/check.hpp"
#include "core/device.hpp"
#include "core/stats.hpp"

namespace podium {

inline constexpr const char* kReportSchema = "podium.eval/1";

// The fixed set of verdicts; docs/sandbox.md has the table of what each means and what to do.
enum class Verdict : uint8_t {
  accepted,            // every checked call's outputs within tolerance, inputs untouched
  wrong_answer,        // an output out of tolerance, or an input modified
  compile_error,       // the compiler refused the file (or its output flooded)
  compile_timeout,     // the compiler ran past its time limit
  time_limit,          // the evaluation ran past its wall-time limit, or a process past its CPU time
  memory_limit,        // host memory (control group, address space) or GPU memory exhausted
  gpu_fault,           // a sticky CUDA error: illegal address, illegal instruction, launch failure...
  runtime_error,       // a crash (signal), an exit in the middle, an uncaught exception, another CUDA error
  output_limit,        // too much printed, or a file written past the file-size limit
  security_violation,  // a forbidden system call, a forbidden symbol, a forged message
  internal_error,      // Podium's own fault or the problem's (a reference that fails); not the competitor's
};
inline constexpr Verdict kVerdicts[] = {Verdict::accepted,        Verdict::wrong_answer,  Verdict::compile_error,
                                        Verdict::compile_timeout, Verdict::time_limit,    Verdict::memory_limit,
                                        Verdict::gpu_fault,       Verdict::runtime_error, Verdict::output_limit,
                                        Verdict::security_violation, Verdict::internal_error};
std::string_view verdict_name(Verdict v);  // "wrong_answer": the stored and transmitted form
std::optional<Verdict> parse_verdict(std::string_view s);
// One sentence a competitor reads beside the verdict: what it means, in general.
std::string_view verdict_meaning(Verdict v);

enum class Mode : uint8_t { test, benchmark, ranked };
// The case set a mode runs; ranked runs time the ranked cases exactly as benchmark runs do.
bool mode_is_timed(Mode m);
std::string_view mode_name(Mode m);
std::optional<Mode> parse_mode(std::string_view s);

struct KernelResources {
  std::string name;  // demangled
  int registers = 0;
  int shared_bytes = 0;
  int stack_bytes = 0;
  int spill_store_bytes = 0;
  int spill_load_bytes = 0;
};

struct CompileReport {
  bool ok = false;
  bool cached = false;
  bool timed_out = false;
  double seconds = 0;
  std::string command;
  std::string diagnostics;  // the compiler's warnings and errors, as it printed them
  std::string summary;      // "compile error at line 12: ..." when it failed
  std::vector<KernelResources> kernels;
};

struct Timing {
  Summary summary;            // seconds, over the samples kept; rel_std_error within input sets (stats.hpp)
  StopReason stop = StopReason::not_yet;
  double wall_seconds = 0;    // time spent measuring this case
  std::string clock;          // how the calls were timed
  size_t input_sets = 1;      // input sets rotated between timed calls
  std::vector<double> set_means;  // seconds, the mean of each input set's samples (where they lie differs)
  size_t checked_calls = 0;   // timed calls whose outputs and inputs were checked
  size_t throttled_samples = 0;   // discarded: the device was throttled during the call
  size_t deadlocked_samples = 0;  // discarded: the call waited for the GPU while the queue was held
  int sm_clock_mhz_min = 0, sm_clock_mhz_max = 0;  // over the samples kept; 0 when unknown
  int temperature_c_max = 0;
  bool launch_latency_hidden = false;  // launches were queued behind a blocking kernel
  std::optional<double> cupti_mean_seconds;  // --verify-timer: CUPTI's kernel time for the same calls
  int cupti_operations = 0;  // --verify-timer: GPU operations (kernels, memsets, copies) per call, at most
};

struct CaseResult {
  std::string set;   // test | benchmark
  size_t index = 0;
  std::string name;
  uint64_t seed = 0;
  bool passed = false;
  std::string message;  // why it failed, empty when it passed
  std::vector<OutputCheck> outputs;
  std::optional<Timing> timing;
  std::optional<double> sol_seconds;  // speed-of-light floor for this case on this device
  bool faster_than_light = false;     // timed below the datasheet's peak floor: physically impossible
  double seconds = 0;                 // wall time of the whole case: inputs, reference, checks and timing
};

struct EvalReport {
  std::string problem;
  std::string mode;
  std::string solution;
  Verdict verdict = Verdict::internal_error;
  std::string message;
  DeviceInfo device;
  CompileReport compile;
  std::vector<CaseResult> cases;
  std::optional<double> score_seconds;  // ranking rule over benchmark case means
  double evaluation_seconds = 0;        // wall time of the evaluating process (device set-up, cases)
  std::string ranking;
};

void to_json(nlohmann::json& j, const KernelResources& k);
void from_json(const nlohmann::json& j, KernelResources& k);
void to_json(nlohmann::json& j, const CompileReport& c);
void from_json(const nlohmann::json& j, CompileReport& c);
void to_json(nlohmann::json& j, const CaseResult& c);
void from_json(const nlohmann::json& j, CaseResult& c);
void to_json(nlohmann::json& j, const DeviceInfo& d);
void from_json(const nlohmann::json& j, DeviceInfo& d);
void to_json(nlohmann::json& j, const EvalReport& r);
void from_json(const nlohmann::json& j, EvalReport& r);

}  // namespace podium
