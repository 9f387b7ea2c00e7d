// The evaluation engine. See evaluator.hpp.
//
// Per case: inputs are generated on the device from the case seed and copied to the host as a
// snapshot; the reference writes the expected outputs into its own buffers; the submission gets the
// same inputs and poisoned outputs; then every output element is compared, and every input byte is
// compared with the snapshot. In benchmark mode the submission is then timed, each call cold and with
// freshly poisoned outputs, and the outputs of the last timed call are checked again, so a solution
// that computes only on its first call fails.
#include "eval/evaluator.hpp"

#include <chrono>
#include <cstring>
#include <fmt/format.h>
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

struct ParamState {
  const Parameter* param;
  std::vector<uint64_t> dims;
  uint64_t count = 0;
  std::unique_ptr<Buffer> buffer;           // input or the submission's output
  std::unique_ptr<Buffer> expected;         // output: the reference's output
  std::vector<unsigned char> host;          // input snapshot, or output expected values
  void* pointer = nullptr;                  // the argument value for pointers
  void* expected_pointer = nullptr;         // the reference's output pointer
  unsigned char scalar[8] = {};             // the argument value for scalars
};

std::vector<unsigned char> download(Backend& b, const Buffer& buf) {
  std::vector<unsigned char> host(buf.bytes());
  if (!host.empty()) b.download(host.data(), buf.get(), buf.bytes());
  return host;
}

}  // namespace

Evaluator::Evaluator(const ProblemSpec& spec, Backend& backend, EntryPoint solution, EntryPoint reference,
                     CheckerFunction checker)
    : spec_(spec), backend_(backend), solution_(solution), reference_(reference), checker_(checker),
      ceilings_(find_ceilings(backend.device().name)) {}

CaseResult Evaluator::run_case(CaseSet set, size_t index, const EvalOptions& options) {
  const Case& c = spec_.cases(set)[index];
  CaseResult result;
  result.set = std::string(case_set_name(set));
  result.index = index;
  result.name = c.name;
  result.seed = case_seed(spec_, set, index, options.secret_seed);
  if (ceilings_) result.sol_seconds = sol_seconds(spec_, c.vars, *ceilings_);

  // Buffers and argument values, in parameter order.
  std::vector<ParamState> params(spec_.parameters.size());
  std::vector<void*> solution_args(params.size()), reference_args(params.size());
  for (size_t i = 0; i < params.size(); ++i) {
    auto& s = params[i];
    s.param = &spec_.parameters[i];
    if (s.param->role == Role::scalar) {
      store_element(s.scalar, 0, s.param->dtype, s.param->value->evaluate(c.vars));
      solution_args[i] = reference_args[i] = s.scalar;
      continue;
    }
    s.dims = dimensions(*s.param, c.vars);
    s.count = element_count(*s.param, c.vars);
    const size_t bytes = s.count * dtype_size(s.param->dtype);
    s.buffer = std::make_unique<Buffer>(backend_, bytes);
    s.pointer = s.buffer->get();
    solution_args[i] = &s.pointer;
    if (s.param->role == Role::input) {
      backend_.fill(s.buffer->get(), s.param->dtype, s.count, s.param->distribution,
                    parameter_key(result.seed, static_cast<uint32_t>(i)));
      s.host = download(backend_, *s.buffer);
      reference_args[i] = &s.pointer;
    } else {
      s.expected = std::make_unique<Buffer>(backend_, bytes);
      backend_.poison(s.expected->get(), s.param->dtype, s.count);
      s.expected_pointer = s.expected->get();
      reference_args[i] = &s.expected_pointer;
    }
  }

  // Expected outputs from the reference. A reference that faults or touches its inputs is the
  // problem's bug, not the competitor's: report it as such.
  try {
    backend_.call(reference_, reference_args.data());
  } catch (const RuntimeFault& e) {
    throw std::runtime_error(fmt::format("the problem's reference failed on case '{}': {}", c.name, e.what()));
  }
  for (auto& s : params) {
    if (s.param->role == Role::input) {
      const auto now = download(backend_, *s.buffer);
      if (first_changed_element(s.host.data(), now.data(), s.count, s.param->dtype) >= 0)
        throw std::runtime_error(fmt::format("the problem's reference modified its input '{}'", s.param->name));
    } else if (s.param->role == Role::output) {
      s.host = download(backend_, *s.expected);
      s.expected.reset();
    }
  }

  // Checks outputs against the expected values and inputs against their snapshots; fills `result`.
  const auto check = [&](const char* when) {
    for (auto& s : params) {
      if (s.param->role == Role::input) {
        const auto now = download(backend_, *s.buffer);
        const int64_t changed = first_changed_element(s.host.data(), now.data(), s.count, s.param->dtype);
        if (changed >= 0) {
          result.message = fmt::format("{}the solution modified its input: {} was {:.9g}, is now {:.9g}", when,
                                       element_position(s.param->name, s.dims, changed),
                                       load_element(s.host.data(), changed, s.param->dtype),
                                       load_element(now.data(), changed, s.param->dtype));
          return false;
        }
      } else if (s.param->role == Role::output) {
        const auto got = download(backend_, *s.buffer);
        OutputCheck oc;
        if (spec_.tolerance.kind == Tolerance::Kind::checker && checker_) {
          std::vector<double> g(s.count), e(s.count);
          for (uint64_t k = 0; k < s.count; ++k) {
            g[k] = load_element(got.data(), k, s.param->dtype);
            e[k] = load_element(s.host.data(), k, s.param->dtype);
          }
          char reason[512] = {};
          const int ok = checker_(s.param->name.c_str(), g.data(), e.data(), static_cast<int64_t>(s.count), reason,
                                  sizeof reason - 1);
          oc = custom_check_result(s.param->name, s.count, ok == 1, reason);
        } else {
          oc = compare_output(s.param->name, s.param->dtype, s.dims, got.data(), s.host.data(), spec_.tolerance);
        }
        result.outputs.push_back(oc);
        if (!oc.passed) {
          result.message = when + oc.message;
          return false;
        }
      }
    }
    return true;
  };

  for (auto& s : params)
    if (s.param->role == Role::output) backend_.poison(s.buffer->get(), s.param->dtype, s.count);
  backend_.call(solution_, solution_args.data());
  result.passed = check("");
  if (!result.passed || options.mode == Mode::test) return result;

  // Timing. Every call starts from poisoned outputs so that skipping work shows in the final check.
  const auto poison_outputs = [&] {
    for (auto& s : params)
      if (s.param->role == Role::output) backend_.poison(s.buffer->get(), s.param->dtype, s.count);
  };
  for (size_t w = 0; w < options.warmup_calls; ++w) {
    poison_outputs();
    backend_.call(solution_, solution_args.data());
  }
  Timing timing;
  timing.clock = backend_.clock_description();
  std::vector<double> samples;
  const auto start = std::chrono::steady_clock::now();
  for (;;) {
    poison_outputs();
    samples.push_back(backend_.timed_call(solution_, solution_args.data()));
    timing.summary = summarize(samples);
    timing.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    timing.stop = should_stop(options.stopping, timing.summary, timing.wall_seconds);
    if (timing.stop != StopReason::not_yet) break;
  }
  result.timing = timing;
  result.outputs.clear();
  result.passed = check("on the last timed call: ");
  return result;
}

}  // namespace podium
