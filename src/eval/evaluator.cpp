// The evaluation engine. See evaluator.hpp.
//
// Per case: one or more input sets are generated on the device from seeds derived from the case seed
// (set 0 uses the case seed itself), each with a pristine copy and the reference's expected outputs,
// all kept on the device. The submission is first called on set 0 and checked. In benchmark mode it
// is then timed: warm-up calls, then cold calls that rotate through the sets (fresh data and fresh
// pointers each call, so caching outputs across calls cannot pay), outputs poisoned before every
// call, and the outputs and inputs of randomly chosen timed calls (and of the last one) checked
// against that set's expected values. Comparisons run on the device; only the first few mismatches
// are copied to the host for the report.
#include "eval/evaluator.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fmt/format.h>
#include <random>
#include <vector>

namespace podium {
namespace {

// A device allocation released on scope exit.
class Buffer {
 public:
  Buffer(Backend& b, size_t bytes) : backend_(b), bytes_(bytes), ptr_(b.allocate(bytes ? bytes : 1)) {}
  ~Buffer() { backend_.release(ptr_); }
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  void* get() const { return ptr_; }
  size_t bytes() const { return bytes_; }

 private:
  Backend& backend_;
  size_t bytes_;
  void* ptr_;
};

// The sizes of one pointer parameter in this case.
struct Shape {
  std::vector<uint64_t> dims;
  uint64_t count = 0;
  size_t bytes = 0;
};

// One input set: per parameter, the live buffer (inputs) or the expected values (outputs), and for
// inputs a pristine copy to detect modification.
struct InputSet {
  uint64_t seed = 0;
  std::vector<std::unique_ptr<Buffer>> live;      // indexed like spec.parameters; null for scalars/outputs
  std::vector<std::unique_ptr<Buffer>> pristine;  // inputs only
  std::vector<std::unique_ptr<Buffer>> expected;  // outputs only
};

}  // namespace

Evaluator::Evaluator(const ProblemSpec& spec, Backend& backend, EntryPoint solution, EntryPoint reference,
                     CheckerFunction checker, std::optional<GpuEntry> gpu)
    : spec_(spec), backend_(backend), solution_(solution), reference_(reference), checker_(checker), gpu_(std::move(gpu)) {}

CaseResult Evaluator::run_case(CaseSet set, size_t index, const EvalOptions& options) {
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

  // Shapes, scalar argument values, and host arrays (whose argument is a pointer to host memory).
  const Tolerance tolerance = spec_.tolerance.for_case(c.vars);
  std::vector<Shape> shapes(params.size());
  std::vector<uint64_t> scalars(params.size(), 0);
  std::vector<std::vector<unsigned char>> host_arrays(params.size());
  std::vector<std::unique_ptr<Buffer>> device_arrays(params.size());
  // The argument value of a host or device array parameter.
  const auto array_pointer = [&](size_t i) -> void* {
    return device_arrays[i] ? device_arrays[i]->get() : static_cast<void*>(host_arrays[i].data());
  };
  size_t set_bytes = 0;
  for (size_t i = 0; i < params.size(); ++i) {
    if (params[i].role == Role::scalar) {
      store_element(&scalars[i], 0, params[i].dtype, params[i].value->evaluate(c.vars));
      continue;
    }
    if (params[i].role == Role::host_array || params[i].role == Role::device_array) {
      host_arrays[i].resize(params[i].values.size() * dtype_size(params[i].dtype));
      for (size_t k = 0; k < params[i].values.size(); ++k)
        store_element(host_arrays[i].data(), k, params[i].dtype, params[i].values[k].evaluate(c.vars));
      if (params[i].role == Role::device_array) {
        device_arrays[i] = std::make_unique<Buffer>(backend_, host_arrays[i].size());
        backend_.upload(device_arrays[i]->get(), host_arrays[i].data(), host_arrays[i].size());
      }
      continue;
    }
    shapes[i].dims = dimensions(params[i], c.vars);
    shapes[i].count = element_count(params[i], c.vars);
    shapes[i].bytes = shapes[i].count * dtype_size(params[i].dtype);
    set_bytes += shapes[i].bytes * (params[i].role == Role::input ? 2 : 1);
  }

  // How many input sets: one for a correctness test; for timing as many as fit the rotation budget,
  // between 2 and options.max_input_sets.
  size_t set_count = 1;
  if (mode_is_timed(options.mode)) {
    const size_t fit = set_bytes ? backend_.rotation_budget_bytes() / set_bytes : options.max_input_sets;
    set_count = std::clamp<size_t>(fit, 1, std::max<size_t>(options.max_input_sets, 1));
  }

  // Generates the sets and runs the reference on each. A reference that faults or touches its inputs
  // is the problem's bug, not the competitor's: report it as such.
  std::vector<InputSet> sets(set_count);
  for (size_t s = 0; s < set_count; ++s) {
    InputSet& in = sets[s];
    in.seed = s == 0 ? result.seed : combine_seed(result.seed, s);
    in.live.resize(params.size());
    in.pristine.resize(params.size());
    in.expected.resize(params.size());
    std::vector<void*> pointers(params.size(), nullptr);
    std::vector<void*> args(params.size());
    for (size_t i = 0; i < params.size(); ++i) {
      const auto& p = params[i];
      if (p.role == Role::scalar) {
        args[i] = &scalars[i];
        continue;
      }
      if (p.role == Role::host_array || p.role == Role::device_array) {
        pointers[i] = array_pointer(i);
        args[i] = &pointers[i];
        continue;
      }
      if (p.role == Role::input) {
        in.live[i] = std::make_unique<Buffer>(backend_, shapes[i].bytes);
        backend_.fill(in.live[i]->get(), p.dtype, shapes[i].count, distribution_for(p, c.vars),
                      parameter_key(in.seed, static_cast<uint32_t>(i)));
        in.pristine[i] = std::make_unique<Buffer>(backend_, shapes[i].bytes);
        backend_.copy(in.pristine[i]->get(), in.live[i]->get(), shapes[i].bytes);
        pointers[i] = in.live[i]->get();
      } else {
        in.expected[i] = std::make_unique<Buffer>(backend_, shapes[i].bytes);
        if (spec_.outputs == OutputInit::zero) {
          backend_.clear(in.expected[i]->get(), shapes[i].bytes);
        } else {
          backend_.poison(in.expected[i]->get(), p.dtype, shapes[i].count);
        }
        pointers[i] = in.expected[i]->get();
      }
      args[i] = &pointers[i];
    }
    try {
      backend_.call(reference_, args.data());
    } catch (const RuntimeFault& e) {
      throw std::runtime_error(fmt::format("the problem's reference failed on case '{}': {}", c.name, e.what()));
    }
    for (size_t i = 0; i < params.size(); ++i) {
      if (params[i].role == Role::input &&
          backend_.first_difference(in.pristine[i]->get(), in.live[i]->get(), params[i].dtype, shapes[i].count) >= 0)
        throw std::runtime_error(fmt::format("the problem's reference modified its input '{}'", params[i].name));
    }
  }

  // The submission's outputs (shared by all sets) and its argument arrays, one per set.
  std::vector<std::unique_ptr<Buffer>> outputs(params.size());
  for (size_t i = 0; i < params.size(); ++i)
    if (params[i].role == Role::output) outputs[i] = std::make_unique<Buffer>(backend_, shapes[i].bytes);
  std::vector<std::vector<void*>> pointers(set_count, std::vector<void*>(params.size(), nullptr));
  std::vector<std::vector<void*>> args(set_count, std::vector<void*>(params.size(), nullptr));
  for (size_t s = 0; s < set_count; ++s) {
    for (size_t i = 0; i < params.size(); ++i) {
      if (params[i].role == Role::scalar) {
        args[s][i] = &scalars[i];
        continue;
      }
      if (params[i].role == Role::host_array || params[i].role == Role::device_array) {
        pointers[s][i] = array_pointer(i);
        args[s][i] = &pointers[s][i];
        continue;
      }
      pointers[s][i] = params[i].role == Role::input ? sets[s].live[i]->get() : outputs[i]->get();
      args[s][i] = &pointers[s][i];
    }
  }
  const auto poison_outputs = [&] {
    for (size_t i = 0; i < params.size(); ++i) {
      if (!outputs[i]) continue;
      if (spec_.outputs == OutputInit::zero) {
        backend_.clear(outputs[i]->get(), shapes[i].bytes);
      } else {
        backend_.poison(outputs[i]->get(), params[i].dtype, shapes[i].count);
      }
    }
  };

  // Checks the outputs of the last call against set `s` and its inputs against their pristine copies.
  const auto check = [&](size_t s, const std::string& when) {
    result.outputs.clear();
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
    for (size_t i = 0; i < params.size(); ++i) {
      const auto& p = params[i];
      if (p.role != Role::output) continue;
      OutputCheck oc;
      if (spec_.tolerance.kind == Tolerance::Kind::checker && checker_) {
        std::vector<unsigned char> got(shapes[i].bytes), want(shapes[i].bytes);
        if (!got.empty()) {
          backend_.download(got.data(), outputs[i]->get(), got.size());
          backend_.download(want.data(), sets[s].expected[i]->get(), want.size());
        }
        std::vector<double> g(shapes[i].count), e(shapes[i].count);
        for (uint64_t k = 0; k < shapes[i].count; ++k) {
          g[k] = load_element(got.data(), k, p.dtype);
          e[k] = load_element(want.data(), k, p.dtype);
        }
        char reason[512] = {};
        const int ok = checker_(p.name.c_str(), g.data(), e.data(), static_cast<int64_t>(shapes[i].count), reason, sizeof reason - 1);
        oc = custom_check_result(p.name, shapes[i].count, ok == 1, reason);
      } else {
        const bool exact = tolerance.kind == Tolerance::Kind::exact;
        const Comparison cmp = backend_.compare(outputs[i]->get(), sets[s].expected[i]->get(), p.dtype, shapes[i].count,
                                                tolerance.rtol, tolerance.atol, exact);
        std::vector<unsigned char> wg, we;
        uint64_t window = 0;
        if (cmp.bad) {
          window = std::min<uint64_t>(shapes[i].count - static_cast<uint64_t>(cmp.first_bad), 4096);
          const size_t size = dtype_size(p.dtype), offset = static_cast<size_t>(cmp.first_bad) * size;
          wg.resize(window * size);
          we.resize(window * size);
          backend_.download(wg.data(), static_cast<const unsigned char*>(outputs[i]->get()) + offset, wg.size());
          backend_.download(we.data(), static_cast<const unsigned char*>(sets[s].expected[i]->get()) + offset, we.size());
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

  poison_outputs();
  backend_.call(solution_, args[0].data());
  result.passed = check(0, "");
  if (!result.passed || !mode_is_timed(options.mode)) return result;

  // Timing.
  if (!warmed_up_) {
    backend_.warm_up();
    warmed_up_ = true;
  }
  for (size_t w = 0; w < options.warmup_calls; ++w) {
    poison_outputs();
    backend_.call(solution_, args[w % set_count].data());
  }
  backend_.take_verified_mean_seconds();  // forget what the checks and warm-ups recorded
  Timing timing;
  timing.clock = backend_.clock_description();
  timing.input_sets = set_count;
  // Which timed calls are checked is drawn from the OS's entropy: a submission cannot predict it.
  std::mt19937_64 rng(std::random_device{}());
  std::vector<double> samples;
  const auto start = std::chrono::steady_clock::now();
  size_t call = 0;
  for (;; ++call) {
    const size_t s = call % set_count;
    poison_outputs();
    const Sample sample = backend_.timed_call(solution_, args[s].data());
    if (sample.deadlock) {
      ++timing.deadlocked_samples;
    } else if (sample.throttled) {
      ++timing.throttled_samples;
    } else {
      samples.push_back(sample.seconds);
      if (sample.sm_clock_mhz) {
        timing.sm_clock_mhz_min = timing.sm_clock_mhz_min ? std::min(timing.sm_clock_mhz_min, sample.sm_clock_mhz) : sample.sm_clock_mhz;
        timing.sm_clock_mhz_max = std::max(timing.sm_clock_mhz_max, sample.sm_clock_mhz);
      }
      timing.temperature_c_max = std::max(timing.temperature_c_max, sample.temperature_c);
      timing.launch_latency_hidden = sample.blocked;
    }
    timing.summary = summarize(samples);
    timing.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    timing.stop = should_stop(options.stopping, timing.summary, timing.wall_seconds);
    // A device that throttles or deadlocks on every call must not keep the loop going forever.
    if (timing.stop == StopReason::not_yet && timing.wall_seconds > 4 * options.stopping.budget_seconds + 1 &&
        samples.size() < options.stopping.min_samples)
      timing.stop = StopReason::budget;
    const bool last = timing.stop != StopReason::not_yet;
    if (last) timing.cupti_mean_seconds = backend_.take_verified_mean_seconds();
    // Checked: the first timed call on each input set (so replaying another set's outputs fails), the
    // last, and others at random.
    if (last || call < set_count || rng() % options.check_one_in == 0) {
      ++timing.checked_calls;
      if (!check(s, fmt::format("on timed call {}: ", call + 1))) {
        result.passed = false;
        result.timing = timing;
        return result;
      }
    }
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
