// The compiler and its cache, with the real g++ and (where installed) the real nvcc.
#include <gtest/gtest.h>

#include "eval/problem_loader.hpp"
#include "test_support.hpp"

using namespace podium;
using podium::testing::source_path;
using podium::testing::test_compiler_config;

namespace {

CompiledLibrary compile_cpu_solution(const std::string& code, const std::string& name, CompilerConfig config) {
  const auto problem = load_problem(source_path("problems/cpu/vector-sum"));
  auto req = entry_request(problem.spec, source_path("problems/cpu/vector-sum/template.cpp"), "solution");
  req.source = code;
  req.file_name = name;
  return compile(req, config);
}

}  // namespace

TEST(Compiler, BuildsASharedLibraryAndServesTheSecondBuildFromTheCache) {
  const std::string code = "#include <cstddef>\nextern \"C\" void solution(const float* i, float* o, size_t n) { o[0] = n ? i[0] : 0; }\n// " +
                           std::to_string(getpid()) + "\n";
  const auto first = compile_cpu_solution(code, "mine.cpp", test_compiler_config());
  ASSERT_TRUE(first.report.ok) << first.report.diagnostics;
  EXPECT_FALSE(first.report.cached);
  EXPECT_TRUE(std::filesystem::exists(first.library));
  const auto second = compile_cpu_solution(code, "mine.cpp", test_compiler_config());
  EXPECT_TRUE(second.report.cached);
  EXPECT_EQ(second.library, first.library);
  const auto changed = compile_cpu_solution(code + "// changed\n", "mine.cpp", test_compiler_config());
  EXPECT_FALSE(changed.report.cached) << "a different source must not hit the cache";
}

TEST(Compiler, ReportsTheLineOfACompileError) {
  const auto r = compile_cpu_solution(podium::read_text_file(source_path("tests/data/solutions/syntax-error.cpp")),
                                      "syntax-error.cpp", test_compiler_config());
  EXPECT_FALSE(r.report.ok);
  EXPECT_EQ(r.report.summary.rfind("compile error at line 5:", 0), 0u) << r.report.summary;
  EXPECT_NE(r.report.diagnostics.find("syntax-error.cpp:5"), std::string::npos) << r.report.diagnostics;
}

TEST(Compiler, SaysSoWhenTheEntryPointIsMissing) {
  const auto r = compile_cpu_solution(podium::read_text_file(source_path("tests/data/solutions/no-entry-point.cpp")),
                                      "no-entry-point.cpp", test_compiler_config());
  EXPECT_FALSE(r.report.ok);
  EXPECT_NE(r.report.summary.find("link error"), std::string::npos) << r.report.summary;
  EXPECT_NE(r.report.summary.find("solution"), std::string::npos) << r.report.summary;
}

TEST(Compiler, StopsACompilationAtItsTimeLimit) {
  // Macro expansion to 10^8 empty statements: many seconds of preprocessing.
  const std::string bomb =
      "#include <cstddef>\n#define A(x) x x x x x x x x x x\n#define B(x) A(A(A(A(x))))\n#define C(x) B(B(x))\n"
      "extern \"C\" void solution(const float*, float* o, size_t) { C(;) o[0] = 0; }\n";
  auto config = test_compiler_config();
  config.timeout_seconds = 1.0;
  const auto r = compile_cpu_solution(bomb, "bomb.cpp", config);
  EXPECT_FALSE(r.report.ok);
  EXPECT_TRUE(r.report.timed_out);
  EXPECT_NE(r.report.summary.find("longer than the 1 s limit"), std::string::npos) << r.report.summary;
}

TEST(PtxasReport, ParsesRegistersSharedMemoryAndSpills) {
  const std::string out =
      "ptxas info    : 0 bytes gmem\n"
      "ptxas info    : Compiling entry function '_Z6kernelPKfPfm' for 'sm_90a'\n"
      "ptxas info    : Function properties for _Z6kernelPKfPfm\n"
      "    16 bytes stack frame, 8 bytes spill stores, 4 bytes spill loads\n"
      "ptxas info    : Used 40 registers, used 1 barriers, 8192 bytes smem, 388 bytes cmem[0]\n";
  const auto k = parse_ptxas_report(out);
  ASSERT_EQ(k.size(), 1u);
  EXPECT_EQ(k[0].name, "kernel(float const*, float*, unsigned long)");
  EXPECT_EQ(k[0].registers, 40);
  EXPECT_EQ(k[0].shared_bytes, 8192);
  EXPECT_EQ(k[0].stack_bytes, 16);
  EXPECT_EQ(k[0].spill_store_bytes, 8);
  EXPECT_EQ(k[0].spill_load_bytes, 4);
}

TEST(Compiler, CompilesATensaraSolutionWithNvccAndReportsItsKernels) {
  if (!podium::testing::nvcc_available()) GTEST_SKIP() << "nvcc is not installed on this machine: CUDA compilation not tested";
  const auto problem = load_problem(source_path("problems/tensara/vector-addition"));
  const auto req = entry_request(problem.spec, source_path("problems/tensara/vector-addition/solutions/correct/plain.cu"), "solution");
  const auto r = compile(req, test_compiler_config());
  ASSERT_TRUE(r.report.ok) << r.report.diagnostics;
  ASSERT_FALSE(r.report.kernels.empty());
  EXPECT_GT(r.report.kernels[0].registers, 0);
}

TEST(Compiler, ReportsNvccErrorsWithTheSubmissionsLineNumber) {
  if (!podium::testing::nvcc_available()) GTEST_SKIP() << "nvcc is not installed on this machine: CUDA compilation not tested";
  const auto problem = load_problem(source_path("problems/tensara/vector-addition"));
  auto req = entry_request(problem.spec, source_path("problems/tensara/vector-addition/template.cu"), "solution");
  req.source = "#include <cuda_runtime.h>\n\n__global__ void k(float* x) { x[0] = undefined_name; }\n";
  req.file_name = "broken.cu";
  const auto r = compile(req, test_compiler_config());
  EXPECT_FALSE(r.report.ok);
  EXPECT_EQ(r.report.summary.rfind("compile error at line 3:", 0), 0u) << r.report.summary;
}
