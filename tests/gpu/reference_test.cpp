// Every GPU reference against its problem's CPU reference in double. For each cuda problem with a
// cpu_reference, and each of its test cases within kBound: the inputs are generated on the GPU by the
// evaluator's generator (from the case's seed), the GPU reference runs on them, and its outputs must
// agree, under the problem's tolerance (or through its checker), with what the CPU reference computes
// on host copies of the same inputs. Test cases beyond the bound are listed in the output as skipped
// for size; the CPU side of every test case is also run in CI (tests/integration/problems_test.cpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fmt/format.h>
#include <vector>

#include "../integration/cpu_reference.hpp"
#include "core/check.hpp"
#include "eval/evaluator.hpp"
#include "eval/library.hpp"
#include "eval/problem_loader.hpp"
#include "runner/evaluate.hpp"

using namespace podium;
namespace fs = std::filesystem;

namespace {

// Per case, at most this much work for the CPU reference (ten seconds or so on one core), and at most
// this much data (the host holds about three copies of it). Beyond it: the largest matmul and 2-D
// convolution cases, 1e11 flops and more, which would take an hour in double on one core.
constexpr podium::testing::SizeBound kBound{1e10, 6e9};

std::vector<std::string> cuda_problems() {
  std::vector<std::string> out;
  const fs::path root = fs::path(PODIUM_SOURCE_DIR) / "problems";
  for (const auto& set : fs::directory_iterator(root))
    for (const auto& p : fs::directory_iterator(set.path()))
      if (fs::exists(p.path() / "problem.yaml") && load_problem(p.path()).spec.backend == BackendKind::cuda)
        out.push_back(fs::relative(p.path(), root).string());
  std::sort(out.begin(), out.end());
  return out;
}

CompiledLibrary compile_or_fail(const CompileRequest& request, const std::string& what) {
  auto r = compile(request, default_compiler_config());
  if (!r.report.ok) ADD_FAILURE() << what << " does not compile: " << r.report.summary << "\n" << r.report.diagnostics;
  return r;
}

// The problem's checker as a function, compiled and loaded for the life of the test.
class Checker {
 public:
  explicit Checker(const Problem& problem) {
    CompileRequest request;
    request.backend = BackendKind::cpu;
    request.source = read_text_file(problem.file(problem.spec.tolerance.checker_file));
    request.file_name = fs::path(problem.spec.tolerance.checker_file).filename().string();
    const auto compiled = compile_or_fail(request, problem.spec.tolerance.checker_file);
    if (compiled.report.ok) library_ = std::make_unique<Library>(compiled.library.string());
  }
  // The checker's reason for rejecting `got`, or "" when it accepts.
  std::string reject(const Parameter& p, const std::vector<unsigned char>& got, const std::vector<unsigned char>& expected) const {
    if (!library_) return "the checker does not compile";
    const auto check = reinterpret_cast<CheckerFunction>(library_->symbol("check"));
    const size_t count = got.size() / dtype_size(p.dtype);
    std::vector<double> g(count), e(count);
    for (size_t i = 0; i < count; ++i) {
      g[i] = load_element(got.data(), i, p.dtype);
      e[i] = load_element(expected.data(), i, p.dtype);
    }
    char reason[1024] = "";
    if (check(p.name.c_str(), g.data(), e.data(), static_cast<int64_t>(count), reason, sizeof reason - 1) == 1) return "";
    return reason[0] ? reason : "rejected without a reason";
  }

 private:
  std::unique_ptr<Library> library_;
};

class GpuReference : public ::testing::TestWithParam<std::string> {};

}  // namespace

TEST_P(GpuReference, AgreesWithTheCpuReferenceInDoubleOnTheTestCases) {
  // Probed in a child process, and everything compiled, before this process initializes CUDA.
  if (const auto why = probe_backend(BackendKind::cuda))
    GTEST_SKIP() << "no usable CUDA GPU on this machine (" << *why << "): GPU references not checked";
  const auto problem = load_problem(fs::path(PODIUM_SOURCE_DIR) / "problems" / GetParam());
  const auto& spec = problem.spec;
  ASSERT_FALSE(spec.cpu_reference_file.empty()) << GetParam() << " has no cpu_reference";
  const auto gpu_compiled = compile_or_fail(entry_request(spec, problem.file(spec.reference_file), "reference"),
                                            GetParam() + "/" + spec.reference_file);
  const auto cpu_request = podium::testing::cpu_reference_request(problem, default_compiler_config());
  ASSERT_TRUE(cpu_request) << "CUDA's cuda_fp16.h was not found beside nvcc";
  const auto cpu_compiled = compile_or_fail(*cpu_request, GetParam() + "/" + spec.cpu_reference_file);
  const std::unique_ptr<Checker> checker =
      spec.tolerance.kind == Tolerance::Kind::checker ? std::make_unique<Checker>(problem) : nullptr;
  if (!gpu_compiled.report.ok || !cpu_compiled.report.ok) return;
  const Library gpu_reference(gpu_compiled.library.string());
  const Library cpu_reference(cpu_compiled.library.string());
  auto gpu = make_backend(BackendKind::cuda);

  for (size_t i = 0; i < spec.test_cases.size(); ++i) {
    const auto& c = spec.test_cases[i];
    const auto where = fmt::format("{} test[{}] ({})", GetParam(), i, c.name);
    if (const auto reason = podium::testing::beyond(spec, c, kBound); !reason.empty()) {
      fmt::print("{}: skipped for size: {}\n", where, reason);
      continue;
    }
    podium::testing::BackendCase device(spec, c, case_seed(spec, CaseSet::test, i, std::nullopt), *gpu);
    try {
      device.call(gpu_reference.entry());
    } catch (const RuntimeFault& e) {
      FAIL() << where << ": the GPU reference failed: " << e.what();
    }
    const auto on_gpu = device.download();
    const auto on_cpu = podium::testing::call_on_host(spec, on_gpu, cpu_reference.entry(), podium::testing::OutputFill::poison);
    EXPECT_EQ(podium::testing::changed_input(spec, on_gpu, on_cpu), "") << where << ": the CPU reference";
    const Tolerance tolerance = spec.tolerance.for_case(c.vars);
    for (size_t j = 0; j < spec.parameters.size(); ++j) {
      const auto& p = spec.parameters[j];
      if (p.role != Role::output) continue;
      if (checker) {
        const auto reason = checker->reject(p, on_gpu.data[j], on_cpu.data[j]);
        EXPECT_EQ(reason, "") << where << ": the checker rejects the GPU reference's output " << p.name
                              << " against the CPU reference's";
        continue;
      }
      // got: the GPU reference; expected: the CPU reference in double.
      const auto check = compare_output(p.name, p.dtype, on_gpu.dims[j], on_gpu.data[j].data(), on_cpu.data[j].data(), tolerance);
      if (!check.passed) {
        ADD_FAILURE() << where << ": the GPU reference's output disagrees with the CPU reference's: " << check.message;
        continue;
      }
      fmt::print("{}: {} agrees (largest errors: {:.3g} absolute, {:.3g} relative)\n", where, p.name, check.max_abs_error,
                 check.max_rel_error);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(BundledProblems, GpuReference, ::testing::ValuesIn(cuda_problems()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& ch : name)
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return name;
                         });
