// The evaluation engine: for each case, generate inputs, run the reference, call the submission,
// check outputs and inputs, and in timed modes time the submission. Device-agnostic: it speaks to
// a Backend for its own work, and to a Contestant for the submission's.
//
// The Evaluator is the judge: it keeps what it decides with (pristine inputs, expected outputs, a
// copy of the outputs taken as soon as a call returns) in its own memory, and shows the submission
// only the buffers it allocates through the Contestant. When the Contestant runs the submission in
// another, sandboxed process (runner/contestant.hpp), nothing that process does can change a verdict.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "core/problem.hpp"
#include "core/report.hpp"
#include "core/sol.hpp"
#include "eval/backend.hpp"

namespace podium {

// A problem's custom checker (docs/problem-format.md, "Tolerance"): 1 accepts, 0 rejects with a reason.
using CheckerFunction = int (*)(const char* output_name, const double* got, const double* expected, int64_t count,
                                char* message, size_t message_size);

// A fault of the submission's own making that ends its evaluation, with the verdict it earns:
// runtime_error, gpu_fault, memory_limit or security_violation.
class SubmissionFault : public RuntimeFault {
 public:
  SubmissionFault(Verdict verdict, const std::string& message) : RuntimeFault(message), verdict_(verdict) {}
  Verdict verdict() const { return verdict_; }

 private:
  Verdict verdict_;
};

// What is done to the submission's buffers just before a call, as the judge decided it: windows of
// inputs redrawn with a fresh key, outputs poisoned (or zeroed). The contestant does it on its own
// device context right before the call: on a GPU, work of another process's context between two
// calls would cost a context switch each way (about 0.14 ms on an H100) on every call. The judge
// redraws its pristine copies the same way before it next checks the set, so a contestant that
// skips this is caught by the checks (docs/sandbox.md).
struct CallPreparation {
  struct Redraw {
    void* dst;  // element `first` of the input
    DType dtype;
    uint64_t count, first, key;
    Distribution distribution;
  };
  struct Reset {
    void* dst;
    DType dtype;
    uint64_t count;
    bool zero;  // zeroed (problems whose outputs start at zero), else poisoned
  };
  std::vector<Redraw> redraws;
  std::vector<Reset> resets;
};

// Does `preparation` with `backend`.
void prepare_buffers(Backend& backend, const CallPreparation& preparation);

// Where the submission runs, as the Evaluator sees it.
class Contestant {
 public:
  virtual ~Contestant() = default;
  // Memory the submission sees: on the device, or in host memory for host_array parameters.
  virtual void* allocate(size_t bytes, bool host) = 0;
  virtual void release(void* p) = 0;
  // args[i] points at the value of parameter i: a pointer into memory from allocate, or a scalar
  // (stored in 8 bytes). Both do `preparation` first and wait for everything the call started; a
  // fault of the submission's throws SubmissionFault.
  virtual void call(void** args, const CallPreparation& preparation) = 0;
  virtual Sample timed_call(void** args, const CallPreparation& preparation) = 0;
  virtual void warm_up() = 0;
  virtual std::string clock_description() = 0;
  virtual std::optional<VerifiedTiming> take_verified_timing() = 0;
};

// The submission loaded into this process, on this process's backend. What the submission throws
// becomes a SubmissionFault: a device error by its CUDA error name (memory_limit for exhausted GPU
// memory; gpu_fault for the errors that leave the context unusable: illegal address, illegal
// instruction, launch failure, device-side assert...; runtime_error for the rest), std::bad_alloc
// memory_limit, any other exception runtime_error.
class InProcessContestant final : public Contestant {
 public:
  InProcessContestant(Backend& backend, EntryPoint entry) : backend_(backend), entry_(entry) {}
  ~InProcessContestant() override;
  void* allocate(size_t bytes, bool host) override;
  void release(void* p) override;
  void call(void** args, const CallPreparation& preparation) override;
  Sample timed_call(void** args, const CallPreparation& preparation) override;
  void warm_up() override;
  std::string clock_description() override { return backend_.clock_description(); }
  std::optional<VerifiedTiming> take_verified_timing() override { return backend_.take_verified_timing(); }

 private:
  Backend& backend_;
  EntryPoint entry_;
  std::set<void*> host_blocks_;
};

// Input sets rotated between timed calls, at most, unless asked otherwise (EvalOptions::max_input_sets).
constexpr size_t kDefaultInputSets = 16;

struct EvalOptions {
  Mode mode = Mode::test;
  std::optional<uint64_t> secret_seed;
  StoppingRule stopping;
  size_t warmup_calls = 3;
  // Input sets rotated between timed calls, at most: fewer when memory is short or making them is
  // slow. Where each set's buffers lie moves a small memory-bound call's time by several percent
  // (histogram at 7.7 µs: 0.5 µs between sets on an H100), so the mean is over many placements.
  size_t max_input_sets = kDefaultInputSets;
  // Each timed call is re-checked with probability 1/check_one_in (1/(8 * check_one_in) once
  // checking has taken a quarter of the time of the timed calls), besides the last and, until then,
  // the first on each set (but the first set, checked before the timing).
  uint64_t check_one_in = 8;
};

class Evaluator {
 public:
  // `gpu`: the speed-of-light entry for this device, when there is one.
  Evaluator(const ProblemSpec& spec, Backend& backend, Contestant& contestant, EntryPoint reference,
            CheckerFunction checker = nullptr, std::optional<GpuEntry> gpu = std::nullopt);
  // The submission in this process (an InProcessContestant on `backend`).
  Evaluator(const ProblemSpec& spec, Backend& backend, EntryPoint solution, EntryPoint reference,
            CheckerFunction checker = nullptr, std::optional<GpuEntry> gpu = std::nullopt);

  // One case of `set`. A SubmissionFault propagates: the device may be unusable after it, so the
  // caller ends the evaluation.
  CaseResult run_case(CaseSet set, size_t index, const EvalOptions& options);

 private:
  CaseResult evaluate_case(CaseSet set, size_t index, const EvalOptions& options);

  const ProblemSpec& spec_;
  Backend& backend_;
  std::unique_ptr<Contestant> owned_contestant_;
  Contestant& contestant_;
  EntryPoint reference_;
  CheckerFunction checker_;
  std::optional<GpuEntry> gpu_;
  bool warmed_up_ = false;  // the device is warmed up once, before the first timed case
};

}  // namespace podium
