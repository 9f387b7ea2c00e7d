// The evaluation engine. See evaluator.hpp.
//
// Per case: one or more input sets are generated on the device from seeds derived from the case seed
// (set 0 uses the case seed itself). Each set has live inputs (which the submission sees), a pristine
// copy and the reference's expected outputs (which it does not); the reference runs on the pristine
// copy. The submission is first called on set 0 and checked. In timed modes it is then timed:
// warm-up calls, then cold calls that rotate through the sets, outputs poisoned before every call,
// and the outputs and inputs of randomly chosen timed calls (and of the last one) checked.
//
// Against caching: every time a set comes round again, a window of each of its inputs is redrawn
// from the same distribution with a fresh, unpredictable key (so each call sees inputs never seen
// before, and an output remembered from an earlier call is wrong), and the expected outputs are
// computed again when that call is checked. The redraw and the poisoning are done by the
// contestant, in its own device context, just before the call (CallPreparation); the judge redraws
// its pristine copy identically before it next checks the set, so live inputs that were not redrawn
// read as modified inputs and outputs computed from them as wrong answers. Against work left running
// after a call returns (a background thread, a side stream): the outputs of a checked call are
// copied away the moment it returns, and that copy is what gets checked. Comparisons run on the
// device; only the first few mismatches are copied to the host for the report.
#include "eval/evaluator.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fmt/format.h>
#include <functional>
#include <new>
#include <random>
#include <vector>

namespace podium {
namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Memory released on scope exit: the judge's own (backend) or the submission's (contestant).
class Buffer {
 public:
  Buffer(Backend& b, size_t bytes) : bytes_(bytes), ptr_(b.allocate(bytes ? bytes : 1)) {
    release_ = [&b](void* p) { b.release(p); };
  }
  Buffer(Contestant& c, size_t bytes, bool host) : bytes_(bytes), ptr_(c.allocate(bytes ? bytes : 1, host)) {
    release_ = [&c](void* p) { c.release(p); };
  }
  ~Buffer() { release_(ptr_); }
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  void* get() const { return ptr_; }
  size_t bytes() const { return bytes_; }

 private:
  size_t bytes_;
  void* ptr_;
  std::function<void(void*)> release_;
};

// The sizes of one pointer parameter in this case.
struct Shape {
  std::vector<uint64_t> dims;
  uint64_t count = 0;
  size_t bytes = 0;
};

// One input set: per parameter, the live buffer the submission sees (inputs and outputs), the
// pristine copy (inputs) and the expected values (outputs), indexed like spec.parameters. Each set
// has outputs of its own, so the time of a call does not hang on where one output buffer happened
// to land (the single word an atomic reduction adds into, for example): the mean is over the sets'.
struct InputSet {
  uint64_t seed = 0;
  std::vector<std::unique_ptr<Buffer>> live;
  std::vector<std::unique_ptr<Buffer>> pristine;
  std::vector<std::unique_ptr<Buffer>> expected;
  bool expected_current = true;  // false once the inputs were redrawn and the reference not run again
  bool used = false;             // the submission has been called on it
  // Windows redrawn in the live inputs (by the contestant, before a call) and not yet in the
  // pristine copies: done by the judge before it next reads them.
  std::vector<std::pair<size_t, CallPreparation::Redraw>> pristine_behind;  // (parameter, redraw)
};

// Elements of an input redrawn each time its set comes round again.
constexpr uint64_t kRedrawnElements = 1024;

const char* const kStickyCudaErrors[] = {
    "cudaErrorIllegalAddress",  "cudaErrorLaunchFailure",     "cudaErrorIllegalInstruction", "cudaErrorMisalignedAddress",
    "cudaErrorInvalidAddressSpace", "cudaErrorInvalidPc",     "cudaErrorHardwareStackError", "cudaErrorAssert",
    "cudaErrorLaunchTimeout",   "cudaErrorECCUncorrectable",  "cudaErrorUnknown",            "cudaErrorTrapInstruction",
    "cudaErrorContextIsDestroyed", "cudaErrorUncorrectableNvlink", "cudaErrorLaunchIncompatibleTexturing"};

Verdict device_fault_verdict(const std::string& message) {
  if (message.find("cudaErrorMemoryAllocation") != std::string::npos) return Verdict::memory_limit;
  for (const char* name : kStickyCudaErrors)
    if (message.find(name) != std::string::npos) return Verdict::gpu_fault;
  return Verdict::runtime_error;
}

void call_guarded(const std::function<void()>& call) {
  try {
    call();
  } catch (const SubmissionFault&) {
    throw;
  } catch (const RuntimeFault& e) {
    const Verdict v = device_fault_verdict(e.what());
    throw SubmissionFault(v, v == Verdict::memory_limit ? std::string("GPU memory exhausted: ") + e.what() : e.what());
  } catch (const std::bad_alloc&) {
    throw SubmissionFault(Verdict::memory_limit, "the solution ran out of host memory (std::bad_alloc)");
  } catch (const std::exception& e) {
    throw SubmissionFault(Verdict::runtime_error, fmt::format("the solution threw an exception: {}", e.what()));
  } catch (...) {
    throw SubmissionFault(Verdict::runtime_error, "the solution threw an exception that is not a std::exception");
  }
}

}  // namespace

InProcessContestant::~InProcessContestant() {
  for (void* p : host_blocks_) std::free(p);
}

void* InProcessContestant::allocate(size_t bytes, bool host) {
  if (!host) return backend_.allocate(bytes);
  void* p = std::aligned_alloc(64, (bytes + 63) / 64 * 64);
  if (!p) throw std::runtime_error(fmt::format("out of host memory allocating {} bytes", bytes));
  host_blocks_.insert(p);
  return p;
}

void InProcessContestant::release(void* p) {
  if (host_blocks_.erase(p)) {
    std::free(p);
  } else {
    backend_.release(p);
  }
}

void prepare_buffers(Backend& backend, const CallPreparation& preparation) {
  for (const auto& r : preparation.redraws) backend.fill(r.dst, r.dtype, r.count, r.distribution, r.key, r.first);
  for (const auto& r : preparation.resets) {
    if (r.zero) {
      backend.clear(r.dst, r.count * dtype_size(r.dtype));
    } else {
      backend.poison(r.dst, r.dtype, r.count);
    }
  }
}

// A device error in the preparation comes from the state the submission left the device in.
void InProcessContestant::call(void** args, const CallPreparation& preparation) {
  call_guarded([&] {
    prepare_buffers(backend_, preparation);
    backend_.call(entry_, args);
  });
}

Sample InProcessContestant::timed_call(void** args, const CallPreparation& preparation) {
  Sample s;
  call_guarded([&] {
    prepare_buffers(backend_, preparation);
    s = backend_.timed_call(entry_, args);
  });
  return s;
}

void InProcessContestant::warm_up() {
  call_guarded([&] { backend_.warm_up(); });
}

Evaluator::Evaluator(const ProblemSpec& spec, Backend& backend, Contestant& contestant, EntryPoint reference,
                     CheckerFunction checker, std::optional<GpuEntry> gpu)
    : spec_(spec), backend_(backend), contestant_(contestant), reference_(reference), checker_(checker), gpu_(std::move(gpu)) {}

Evaluator::Evaluator(const ProblemSpec& spec, Backend& backend, EntryPoint solution, EntryPoint reference,
                     CheckerFunction checker, std::optional<GpuEntry> gpu)
    : spec_(spec),
      backend_(backend),
      owned_contestant_(std::make_unique<InProcessContestant>(backend, solution)),
      contestant_(*owned_contestant_),
      reference_(reference),
      checker_(checker),
      gpu_(std::move(gpu)) {}

CaseResult Evaluator::run_case(CaseSet set, size_t index, const EvalOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  CaseResult result = evaluate_case(set, index, options);
  result.seconds = seconds_since(start);
  return result;
}

CaseResult Evaluator::evaluate_case(CaseSet set, size_t index, const EvalOptions& options) {
  const Case& c = spec_.cases(set)[index];
  const auto& params = spec_.parameters;
  CaseResult result;
  result.set = std::string(case_set_name(set));
  result.index = index;
  result.name = c.name;
  result.seed = case_seed(spec_, set, index, options.secret_seed);
  std::optional<double> impossible_below;  // the floor from the datasheet's peak rates
  if (gpu_) {
    const uint64_t l2 = backend_.device().l2_bytes;
    if (const auto sol = speed_of_light(spec_, c.vars, gpu_->realistic(), l2)) result.sol_seconds = sol->seconds;
    if (const auto floor = speed_of_light(spec_, c.vars, gpu_->peak, l2)) impossible_below = floor->seconds;
  }
  // Which inputs are redrawn, and which timed calls are checked, is drawn from the OS's entropy: a
  // submission cannot predict it.
  std::mt19937_64 rng(std::random_device{}());

  // Shapes, scalar argument values, and arrays: host arrays are passed as pointers to host memory,
  // device arrays as device pointers. The reference reads the judge's copies, the submission its own.
  const Tolerance tolerance = spec_.tolerance.for_case(c.vars);
  std::vector<Shape> shapes(params.size());
  std::vector<uint64_t> scalars(params.size(), 0);
  std::vector<std::vector<unsigned char>> host_arrays(params.size());
  std::vector<std::unique_ptr<Buffer>> device_arrays(params.size());
  std::vector<std::unique_ptr<Buffer>> shown_arrays(params.size());
  size_t set_bytes = 0;
  for (size_t i = 0; i < params.size(); ++i) {
    if (params[i].role == Role::scalar) {
      store_element(&scalars[i], 0, params[i].dtype, params[i].value->evaluate(c.vars));
      continue;
    }
    if (params[i].role == Role::host_array || params[i].role == Role::device_array) {
      const bool host = params[i].role == Role::host_array;
      host_arrays[i].resize(params[i].values.size() * dtype_size(params[i].dtype));
      for (size_t k = 0; k < params[i].values.size(); ++k)
        store_element(host_arrays[i].data(), k, params[i].dtype, params[i].values[k].evaluate(c.vars));
      if (!host) {
        device_arrays[i] = std::make_unique<Buffer>(backend_, host_arrays[i].size());
        backend_.upload(device_arrays[i]->get(), host_arrays[i].data(), host_arrays[i].size());
      }
      shown_arrays[i] = std::make_unique<Buffer>(contestant_, host_arrays[i].size(), host);
      if (host) {
        std::memcpy(shown_arrays[i]->get(), host_arrays[i].data(), host_arrays[i].size());
      } else {
        backend_.upload(shown_arrays[i]->get(), host_arrays[i].data(), host_arrays[i].size());
      }
      continue;
    }
    shapes[i].dims = dimensions(params[i], c.vars);
    shapes[i].count = element_count(params[i], c.vars);
    shapes[i].bytes = shapes[i].count * dtype_size(params[i].dtype);
    set_bytes += shapes[i].bytes * 2;  // live and pristine inputs, live and expected outputs
  }

  // How many input sets: one for a correctness test; for timing as many as fit the rotation budget,
  // up to options.max_input_sets, and fewer where making a set (its inputs and the reference's
  // outputs) is slow: see below.
  size_t set_count = 1;
  if (mode_is_timed(options.mode)) {
    const size_t fit = set_bytes ? backend_.rotation_budget_bytes() / set_bytes : options.max_input_sets;
    set_count = std::clamp<size_t>(fit, 1, std::max<size_t>(options.max_input_sets, 1));
  }

  // The argument array of the reference on set `s`: pristine inputs, expected outputs, the judge's arrays.
  std::vector<InputSet> sets(set_count);
  std::vector<void*> reference_pointers(params.size(), nullptr);
  std::vector<void*> reference_args(params.size(), nullptr);
  const auto run_reference = [&](size_t s) {
    InputSet& in = sets[s];
    for (size_t i = 0; i < params.size(); ++i) {
      const auto& p = params[i];
      if (p.role == Role::scalar) {
        reference_args[i] = &scalars[i];
        continue;
      }
      if (p.role == Role::host_array || p.role == Role::device_array) {
        reference_pointers[i] = device_arrays[i] ? device_arrays[i]->get() : static_cast<void*>(host_arrays[i].data());
      } else if (p.role == Role::input) {
        reference_pointers[i] = in.pristine[i]->get();
      } else {
        if (spec_.outputs == OutputInit::zero) {
          backend_.clear(in.expected[i]->get(), shapes[i].bytes);
        } else {
          backend_.poison(in.expected[i]->get(), p.dtype, shapes[i].count);
        }
        reference_pointers[i] = in.expected[i]->get();
      }
      reference_args[i] = &reference_pointers[i];
    }
    // A reference that faults is the problem's bug, not the competitor's: report it as such.
    try {
      backend_.call(reference_, reference_args.data());
    } catch (const RuntimeFault& e) {
      throw std::runtime_error(fmt::format("the problem's reference failed on case '{}': {}", c.name, e.what()));
    }
    in.expected_current = true;
  };

  // Generates the sets and runs the reference on each; a reference that touches its inputs is
  // reported as the problem's bug too. Making the sets may take a quarter of the case's budget: a
  // slow reference (a 0.3 s convolution) gets fewer sets, down to two.
  const auto making_start = std::chrono::steady_clock::now();
  for (size_t s = 0; s < set_count; ++s) {
    if (s == 1) {
      const double first = seconds_since(making_start);
      const double affordable = first > 0 ? options.stopping.budget_seconds / 4 / first : static_cast<double>(set_count);
      set_count = std::clamp<size_t>(static_cast<size_t>(affordable), std::min<size_t>(2, set_count), set_count);
      sets.resize(set_count);
      if (s == set_count) break;
    }
    InputSet& in = sets[s];
    in.seed = s == 0 ? result.seed : combine_seed(result.seed, s);
    in.live.resize(params.size());
    in.pristine.resize(params.size());
    in.expected.resize(params.size());
    for (size_t i = 0; i < params.size(); ++i) {
      const auto& p = params[i];
      if (p.role == Role::input) {
        in.live[i] = std::make_unique<Buffer>(contestant_, shapes[i].bytes, false);
        backend_.fill(in.live[i]->get(), p.dtype, shapes[i].count, distribution_for(p, c.vars),
                      parameter_key(in.seed, static_cast<uint32_t>(i)), 0);
        in.pristine[i] = std::make_unique<Buffer>(backend_, shapes[i].bytes);
        backend_.copy(in.pristine[i]->get(), in.live[i]->get(), shapes[i].bytes);
      } else if (p.role == Role::output) {
        in.expected[i] = std::make_unique<Buffer>(backend_, shapes[i].bytes);
      }
    }
    run_reference(s);
    for (size_t i = 0; i < params.size(); ++i) {
      if (params[i].role == Role::input &&
          backend_.first_difference(in.pristine[i]->get(), in.live[i]->get(), params[i].dtype, shapes[i].count) >= 0)
        throw std::runtime_error(fmt::format("the problem's reference modified its input '{}'", params[i].name));
    }
  }

  // The submission's outputs of each set, the judge's copy of the last checked ones, and the
  // submission's argument arrays, one per set.
  std::vector<std::unique_ptr<Buffer>> snapshots(params.size());
  for (size_t i = 0; i < params.size(); ++i) {
    if (params[i].role != Role::output) continue;
    for (auto& in : sets) in.live[i] = std::make_unique<Buffer>(contestant_, shapes[i].bytes, false);
    snapshots[i] = std::make_unique<Buffer>(backend_, shapes[i].bytes);
  }
  std::vector<std::vector<void*>> pointers(set_count, std::vector<void*>(params.size(), nullptr));
  std::vector<std::vector<void*>> args(set_count, std::vector<void*>(params.size(), nullptr));
  for (size_t s = 0; s < set_count; ++s) {
    for (size_t i = 0; i < params.size(); ++i) {
      if (params[i].role == Role::scalar) {
        args[s][i] = &scalars[i];
        continue;
      }
      if (params[i].role == Role::host_array || params[i].role == Role::device_array) {
        pointers[s][i] = shown_arrays[i]->get();
      } else {
        pointers[s][i] = sets[s].live[i]->get();
      }
      args[s][i] = &pointers[s][i];
    }
  }

  // What is done before every call on set `s` (see CallPreparation): a set seen before gets a window
  // of each input redrawn with a fresh key, and the outputs are poisoned (or zeroed).
  const auto prepare_call = [&](size_t s) {
    CallPreparation preparation;
    InputSet& in = sets[s];
    for (size_t i = 0; in.used && i < params.size(); ++i) {
      const auto& p = params[i];
      if (p.role != Role::input || shapes[i].count == 0) continue;
      CallPreparation::Redraw r;
      r.dtype = p.dtype;
      r.count = std::min(shapes[i].count, kRedrawnElements);
      r.first = rng() % (shapes[i].count - r.count + 1);
      r.key = rng();
      r.distribution = distribution_for(p, c.vars);
      r.dst = static_cast<unsigned char*>(in.live[i]->get()) + r.first * dtype_size(p.dtype);
      preparation.redraws.push_back(r);
      in.pristine_behind.emplace_back(i, r);
      in.expected_current = false;
    }
    in.used = true;
    for (size_t i = 0; i < params.size(); ++i)
      if (params[i].role == Role::output)
        preparation.resets.push_back({in.live[i]->get(), params[i].dtype, shapes[i].count, spec_.outputs == OutputInit::zero});
    return preparation;
  };
  // Brings the pristine copies of set `s` up to date with the windows redrawn in its live inputs.
  const auto catch_up_pristine = [&](size_t s) {
    for (const auto& [i, r] : sets[s].pristine_behind)
      backend_.fill(static_cast<unsigned char*>(sets[s].pristine[i]->get()) + r.first * dtype_size(r.dtype), r.dtype, r.count,
                    r.distribution, r.key, r.first);
    sets[s].pristine_behind.clear();
  };
  // Right after a call on set `s` that will be checked: its outputs, copied away before anything
  // else runs.
  const auto take_snapshot = [&](size_t s) {
    for (size_t i = 0; i < params.size(); ++i)
      if (params[i].role == Role::output) backend_.copy(snapshots[i]->get(), sets[s].live[i]->get(), shapes[i].bytes);
  };

  // Checks the snapshot of the last call's outputs against set `s` and its inputs against their
  // pristine copies.
  const auto check = [&](size_t s, const std::string& when) {
    result.outputs.clear();
    catch_up_pristine(s);
    for (size_t i = 0; i < params.size(); ++i) {
      const auto& p = params[i];
      if (p.role != Role::input) continue;
      const int64_t changed = backend_.first_difference(sets[s].pristine[i]->get(), sets[s].live[i]->get(), p.dtype, shapes[i].count);
      if (changed >= 0) {
        const size_t size = dtype_size(p.dtype);
        unsigned char before[8], after[8];
        backend_.download(before, static_cast<const unsigned char*>(sets[s].pristine[i]->get()) + changed * size, size);
        backend_.download(after, static_cast<const unsigned char*>(sets[s].live[i]->get()) + changed * size, size);
        result.message = fmt::format("{}the solution modified its input: {} was {:.9g}, is now {:.9g}", when,
                                     element_position(p.name, shapes[i].dims, changed), load_element(before, 0, p.dtype),
                                     load_element(after, 0, p.dtype));
        // Restore the set so that later timed calls see the right inputs.
        backend_.copy(sets[s].live[i]->get(), sets[s].pristine[i]->get(), shapes[i].bytes);
        return false;
      }
    }
    if (!sets[s].expected_current) run_reference(s);
    for (size_t i = 0; i < params.size(); ++i) {
      const auto& p = params[i];
      if (p.role != Role::output) continue;
      const void* got = snapshots[i]->get();
      const void* want = sets[s].expected[i]->get();
      OutputCheck oc;
      if (spec_.tolerance.kind == Tolerance::Kind::checker && checker_) {
        std::vector<unsigned char> got_bytes(shapes[i].bytes), want_bytes(shapes[i].bytes);
        if (!got_bytes.empty()) {
          backend_.download(got_bytes.data(), got, got_bytes.size());
          backend_.download(want_bytes.data(), want, want_bytes.size());
        }
        std::vector<double> g(shapes[i].count), e(shapes[i].count);
        for (uint64_t k = 0; k < shapes[i].count; ++k) {
          g[k] = load_element(got_bytes.data(), k, p.dtype);
          e[k] = load_element(want_bytes.data(), k, p.dtype);
        }
        char reason[512] = {};
        const int ok = checker_(p.name.c_str(), g.data(), e.data(), static_cast<int64_t>(shapes[i].count), reason, sizeof reason - 1);
        oc = custom_check_result(p.name, shapes[i].count, ok == 1, reason);
      } else {
        const bool exact = tolerance.kind == Tolerance::Kind::exact;
        const Comparison cmp = backend_.compare(got, want, p.dtype, shapes[i].count, tolerance.rtol, tolerance.atol, exact);
        std::vector<unsigned char> wg, we;
        uint64_t window = 0;
        if (cmp.bad) {
          window = std::min<uint64_t>(shapes[i].count - static_cast<uint64_t>(cmp.first_bad), 4096);
          const size_t size = dtype_size(p.dtype), offset = static_cast<size_t>(cmp.first_bad) * size;
          wg.resize(window * size);
          we.resize(window * size);
          backend_.download(wg.data(), static_cast<const unsigned char*>(got) + offset, wg.size());
          backend_.download(we.data(), static_cast<const unsigned char*>(want) + offset, we.size());
        }
        oc = describe_comparison(p.name, p.dtype, shapes[i].dims, tolerance, cmp, wg.data(), we.data(), window);
        oc.name = p.name;
      }
      result.outputs.push_back(oc);
      if (!oc.passed) {
        result.message = when + oc.message;
        return false;
      }
    }
    return true;
  };

  const auto first_call_start = std::chrono::steady_clock::now();
  contestant_.call(args[0].data(), prepare_call(0));
  double warming = seconds_since(first_call_start);
  take_snapshot(0);
  result.passed = check(0, "");
  if (!result.passed || !mode_is_timed(options.mode)) return result;

  // Timing.
  if (!warmed_up_) {
    contestant_.warm_up();
    warmed_up_ = true;
  }
  // Warm-up calls: options.warmup_calls, or fewer where the calls so far (the checked call above
  // included) have taken a tenth of the budget: one 177 ms call has warmed up what a call can warm.
  for (size_t w = 0; w < options.warmup_calls && warming < options.stopping.budget_seconds / 10; ++w) {
    const auto start = std::chrono::steady_clock::now();
    contestant_.call(args[w % set_count].data(), prepare_call(w % set_count));
    warming += seconds_since(start);
  }
  contestant_.take_verified_timing();  // forget what the checks and warm-ups recorded
  Timing timing;
  timing.clock = contestant_.clock_description();
  timing.input_sets = set_count;
  std::vector<double> samples;
  RunningSummary running;               // all samples, for the stopping rule after each call
  std::vector<RunningSummary> per_set(set_count);  // the samples of each input set
  // The statistics so far: the running ones after a call, all of them at the end. The relative
  // standard error is the one within input sets (stratified_rel_std_error) once each set has two
  // samples: each set has buffers of its own, and a steady difference between sets is measured,
  // not noise.
  const auto statistics = [&](bool whole) {
    Summary summary = whole ? summarize(samples) : running.summary();
    if (const auto within = stratified_rel_std_error(per_set)) summary.rel_std_error = *within;
    return summary;
  };
  double measuring = 0;  // seconds spent in timed calls (with their preparation) and their statistics
  double checking = 0;   // seconds spent checking timed calls
  size_t call = 0;
  for (;; ++call) {
    const size_t s = call % set_count;
    const auto start = std::chrono::steady_clock::now();
    const Sample sample = contestant_.timed_call(args[s].data(), prepare_call(s));
    if (sample.deadlock) {
      ++timing.deadlocked_samples;
    } else if (sample.throttled) {
      ++timing.throttled_samples;
    } else {
      samples.push_back(sample.seconds);
      running.add(sample.seconds);
      per_set[s].add(sample.seconds);
      if (sample.sm_clock_mhz) {
        timing.sm_clock_mhz_min = timing.sm_clock_mhz_min ? std::min(timing.sm_clock_mhz_min, sample.sm_clock_mhz) : sample.sm_clock_mhz;
        timing.sm_clock_mhz_max = std::max(timing.sm_clock_mhz_max, sample.sm_clock_mhz);
      }
      timing.temperature_c_max = std::max(timing.temperature_c_max, sample.temperature_c);
      timing.launch_latency_hidden = sample.blocked;
    }
    timing.summary = statistics(false);
    measuring += seconds_since(start);
    timing.wall_seconds = measuring;
    timing.stop = should_stop(options.stopping, timing.summary, timing.wall_seconds);
    // A device that throttles or deadlocks on every call must not keep the loop going forever.
    if (timing.stop == StopReason::not_yet && timing.wall_seconds > 4 * options.stopping.budget_seconds + 1 &&
        samples.size() < options.stopping.min_samples)
      timing.stop = StopReason::budget;
    const bool last = timing.stop != StopReason::not_yet;
    if (last) {
      timing.summary = statistics(true);
      for (const auto& set : per_set) timing.set_means.push_back(set.summary().mean);
    }
    // Checked: the last timed call; while checking has taken less than a quarter of the time of the
    // timed calls, the first on each input set but the first (the checked call before the timing
    // ran on it) and one in check_one_in of the others, drawn at random; one in 8 * check_one_in
    // after that (a slow reference must not multiply the case's time).
    const bool cheap = 4 * checking < measuring;
    const uint64_t one_in = cheap ? options.check_one_in : 8 * options.check_one_in;
    const bool checked = last || (cheap && call > 0 && call < set_count) || rng() % one_in == 0;
    const auto checking_start = std::chrono::steady_clock::now();
    if (checked) take_snapshot(s);
    if (last) {
      if (const auto verified = contestant_.take_verified_timing()) {
        timing.cupti_mean_seconds = verified->mean_seconds;
        timing.cupti_operations = verified->operations;
      }
    }
    if (checked) {
      ++timing.checked_calls;
      if (!check(s, fmt::format("on timed call {}: ", call + 1))) {
        result.passed = false;
        timing.summary = statistics(true);
        result.timing = timing;
        return result;
      }
    }
    checking += seconds_since(checking_start);
    if (last) break;
  }
  result.timing = timing;
  result.passed = true;
  // Faster than the hardware allows: the timing or the checking was fooled. Passing, but flagged.
  if (impossible_below && timing.summary.count && timing.summary.mean < *impossible_below) {
    result.faster_than_light = true;
    result.message = fmt::format("impossible: {:.3g} s is faster than this GPU's peak allows ({:.3g} s)", timing.summary.mean,
                                 *impossible_below);
  }
  return result;
}

}  // namespace podium
