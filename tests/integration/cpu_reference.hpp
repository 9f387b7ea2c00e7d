// Running a cuda problem's references outside the evaluator, for the tests that check them against
// each other: how its cpu_reference is compiled, which test cases are small enough for a CPU run in
// double, one case's arguments generated exactly as the evaluator generates them, and a call of a
// host entry point on host copies of them.
#pragma once

#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <optional>
#include <string>
#include <vector>

#include "core/check.hpp"
#include "core/dtype.hpp"
#include "core/problem.hpp"
#include "core/random.hpp"
#include "eval/backend.hpp"
#include "eval/problem_loader.hpp"
#include "runner/compiler.hpp"

namespace podium::testing {

// CUDA's include directory beside the configured nvcc, when it holds cuda_fp16.h.
inline std::optional<std::filesystem::path> cuda_include_dir(const CompilerConfig& config) {
  const std::filesystem::path nvcc(config.nvcc);
  const auto dir = nvcc.has_parent_path() ? nvcc.parent_path().parent_path() / "include"
                                          : std::filesystem::path("/usr/local/cuda/include");
  if (!std::filesystem::exists(dir / "cuda_fp16.h")) return std::nullopt;
  return dir;
}

// A cpu_reference is compiled as a cpu problem's reference is (the host compiler, the problem's flags)
// but declared with the problem's CUDA signature. Where that signature names __half or __nv_bfloat16,
// CUDA's cuda_fp16.h and cuda_bf16.h (which support host code) are included in every file; nullopt
// when they are needed and CUDA is not installed.
inline std::optional<CompileRequest> cpu_reference_request(const Problem& problem, const CompilerConfig& config) {
  auto request = entry_request(problem.spec, problem.file(problem.spec.cpu_reference_file), "reference");
  request.backend = BackendKind::cpu;
  bool half_types = false;
  for (const auto& p : problem.spec.parameters) half_types = half_types || p.dtype == DType::f16 || p.dtype == DType::bf16;
  if (!half_types) return request;
  const auto include = cuda_include_dir(config);
  if (!include) return std::nullopt;
  for (std::string flag : {"-I" + include->string(), std::string("-include"), std::string("cuda_fp16.h"),
                           std::string("-include"), std::string("cuda_bf16.h")})
    request.flags.push_back(flag);
  return request;
}

// The most work a test hands to a CPU reference for one case: `flops` of the cost model (the data's
// element count for problems without one) and `bytes` of inputs and outputs.
struct SizeBound {
  double flops = 0;
  double bytes = 0;
};

// Bytes of all inputs and outputs of a case.
inline double data_bytes(const ProblemSpec& spec, const Case& c) {
  double bytes = 0;
  for (const auto& p : spec.parameters)
    if (p.role == Role::input || p.role == Role::output)
      bytes += static_cast<double>(element_count(p, c.vars)) * static_cast<double>(dtype_size(p.dtype));
  return bytes;
}

// Why case `c` is beyond `bound` ("1.1e+12 flops, above 2e+09"), or "" when it is within.
inline std::string beyond(const ProblemSpec& spec, const Case& c, const SizeBound& bound) {
  double flops = 0;
  if (spec.cost.flops) {
    flops = spec.cost.flops->evaluate(c.vars);
  } else {
    for (const auto& p : spec.parameters)
      if (p.role == Role::input || p.role == Role::output) flops += static_cast<double>(element_count(p, c.vars));
  }
  if (flops > bound.flops) return fmt::format("{:.3g} flops, above {:.3g}", flops, bound.flops);
  const double bytes = data_bytes(spec, c);
  if (bytes > bound.bytes) return fmt::format("{:.3g} bytes of data, above {:.3g}", bytes, bound.bytes);
  return "";
}

// One case's arguments on the host: per parameter, the elements of an input, output or array
// (empty for scalars), a scalar's value stored in its dtype, and an input's or output's dimensions.
struct HostCase {
  std::vector<std::vector<unsigned char>> data;
  std::vector<uint64_t> scalars;
  std::vector<std::vector<uint64_t>> dims;
};

// What a host call's outputs hold before it: the evaluator's poison (every byte 0xFF for floats, a NaN
// in every float dtype; 0xA5 for integers), or zero bytes.
enum class OutputFill { poison, zero };

// One case's arguments in a backend's memory, made as the evaluator makes them for the reference:
// inputs generated from the case's seed and the parameter's position, outputs poisoned (zeroed for
// `outputs: zeroed`), device arrays uploaded, host arrays and scalars on the host.
class BackendCase {
 public:
  BackendCase(const ProblemSpec& spec, const Case& c, uint64_t seed, Backend& backend) : spec_(spec), backend_(backend) {
    const auto& params = spec.parameters;
    host_.data.resize(params.size());
    host_.scalars.resize(params.size(), 0);
    host_.dims.resize(params.size());
    buffers_.resize(params.size(), nullptr);
    pointers_.resize(params.size(), nullptr);
    args_.resize(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      const auto& p = params[i];
      if (p.role == Role::scalar) {
        store_element(&host_.scalars[i], 0, p.dtype, p.value->evaluate(c.vars));
        args_[i] = &host_.scalars[i];
        continue;
      }
      if (p.role == Role::host_array || p.role == Role::device_array) {
        host_.data[i].resize(p.values.size() * dtype_size(p.dtype));
        for (size_t k = 0; k < p.values.size(); ++k) store_element(host_.data[i].data(), k, p.dtype, p.values[k].evaluate(c.vars));
        pointers_[i] = host_.data[i].data();
        if (p.role == Role::device_array) {
          buffers_[i] = backend.allocate(host_.data[i].size());
          backend.upload(buffers_[i], host_.data[i].data(), host_.data[i].size());
          pointers_[i] = buffers_[i];
        }
        args_[i] = &pointers_[i];
        continue;
      }
      host_.dims[i] = dimensions(p, c.vars);
      const uint64_t count = element_count(p, c.vars);
      const size_t bytes = count * dtype_size(p.dtype);
      buffers_[i] = backend.allocate(bytes ? bytes : 1);
      if (p.role == Role::input) {
        backend.fill(buffers_[i], p.dtype, count, distribution_for(p, c.vars), parameter_key(seed, static_cast<uint32_t>(i)), 0);
      } else if (spec.outputs == OutputInit::zero) {
        backend.clear(buffers_[i], bytes);
      } else {
        backend.poison(buffers_[i], p.dtype, count);
      }
      pointers_[i] = buffers_[i];
      args_[i] = &pointers_[i];
    }
  }
  ~BackendCase() {
    for (void* b : buffers_)
      if (b) backend_.release(b);
  }
  BackendCase(const BackendCase&) = delete;
  BackendCase& operator=(const BackendCase&) = delete;

  // Calls `entry` on the backend (which waits for it and throws RuntimeFault on a device error).
  void call(EntryPoint entry) { backend_.call(entry, args_.data()); }

  // Host copies of every argument, inputs and outputs as they are now.
  HostCase download() const {
    HostCase out = host_;
    for (size_t i = 0; i < spec_.parameters.size(); ++i) {
      const auto& p = spec_.parameters[i];
      if (p.role != Role::input && p.role != Role::output) continue;
      uint64_t count = 1;
      for (auto d : host_.dims[i]) count *= d;
      out.data[i].resize(count * dtype_size(p.dtype));
      backend_.download(out.data[i].data(), buffers_[i], out.data[i].size());
    }
    return out;
  }

 private:
  const ProblemSpec& spec_;
  Backend& backend_;
  HostCase host_;
  std::vector<void*> buffers_;   // backend memory of inputs, outputs and device arrays
  std::vector<void*> pointers_;  // the pointer argument of each array parameter
  std::vector<void*> args_;      // what the entry point gets: the address of each argument
};

// Calls a host entry point (a compiled cpu_reference) on host copies of the arguments in `inputs`,
// every output filled as `fill` says first. Returns the arguments after the call: outputs as written,
// inputs as the call left them.
inline HostCase call_on_host(const ProblemSpec& spec, const HostCase& inputs, EntryPoint entry, OutputFill fill) {
  HostCase run = inputs;
  std::vector<void*> pointers(spec.parameters.size(), nullptr);
  std::vector<void*> args(spec.parameters.size(), nullptr);
  for (size_t i = 0; i < spec.parameters.size(); ++i) {
    const auto& p = spec.parameters[i];
    if (p.role == Role::scalar) {
      args[i] = &run.scalars[i];
      continue;
    }
    if (p.role == Role::output) {
      const int byte = fill == OutputFill::zero ? 0 : dtype_is_float(p.dtype) ? 0xFF : 0xA5;
      std::memset(run.data[i].data(), byte, run.data[i].size());
    }
    pointers[i] = run.data[i].data();
    args[i] = &pointers[i];
  }
  entry(args.data());
  return run;
}

// "" when `after` holds the inputs of `before` unchanged, else which input changed first, and where.
inline std::string changed_input(const ProblemSpec& spec, const HostCase& before, const HostCase& after) {
  for (size_t i = 0; i < spec.parameters.size(); ++i) {
    const auto& p = spec.parameters[i];
    if (p.role != Role::input) continue;
    const uint64_t count = before.data[i].size() / dtype_size(p.dtype);
    const int64_t at = first_changed_element(before.data[i].data(), after.data[i].data(), count, p.dtype);
    if (at >= 0) return fmt::format("it modified its input {}", element_position(p.name, before.dims[i], static_cast<uint64_t>(at)));
  }
  return "";
}

}  // namespace podium::testing
