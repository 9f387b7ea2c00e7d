// The sandbox on its own: what a sandboxed process sees and may do, its limits, and the symbol
// screen that refuses a compiled submission before it runs. Commands run in it through /bin/sh.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "integration/test_support.hpp"
#include "runner/compiler.hpp"
#include "runner/sandbox.hpp"
#include "runner/symbol_screen.hpp"

using namespace podium;
namespace fs = std::filesystem;

namespace {

ProcessResult run_sandboxed(const std::string& script, SandboxSpec spec = {}, bool stop_at_output_limit = false) {
  spec.command = {"/bin/sh", "-c", script};
  Sandbox sandbox(spec);
  ProcessOptions options;
  options.spawn = sandbox.spawn_options();
  options.timeout_seconds = spec.wall_seconds;
  options.output_limit = spec.limits.output_bytes;
  options.stop_at_output_limit = stop_at_output_limit;
  return run_process(sandbox.argv(), options);
}

SandboxSpec with_wall(double seconds) {
  SandboxSpec spec;
  spec.wall_seconds = seconds;
  return spec;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Compiles `source` as a shared object (no entry point) and screens it.
std::optional<std::string> screen_source(const std::string& source) {
  CompileRequest request;
  request.source = source;
  request.file_name = "screened.cpp";
  const auto compiled = compile(request, podium::testing::test_compiler_config());
  if (!compiled.report.ok) throw std::runtime_error(compiled.report.diagnostics);
  return screen_library(compiled.library);
}

}  // namespace

TEST(Sandbox, RunsAsAnUnprivilegedUserWithNoCapabilities) {
  const auto r = run_sandboxed("id -u; grep -E '^(CapEff|CapBnd|NoNewPrivs)' /proc/self/status");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto out = lines(r.output);
  ASSERT_GE(out.size(), 4u) << r.output;
  if (const auto account = sandbox_account()) {
    EXPECT_EQ(out[0], std::to_string(account->first));
  }
  EXPECT_NE(out[0], "0") << "the sandbox must never run as root";
  EXPECT_NE(r.output.find("CapEff:\t0000000000000000"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("NoNewPrivs:\t1"), std::string::npos) << r.output;
}

TEST(Sandbox, HasNoNetworkButAnIsolatedLoopback) {
  const auto r = run_sandboxed("tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(lines(r.output), std::vector<std::string>{"lo"}) << r.output;
}

TEST(Sandbox, SeesTheSystemReadOnlyAndNoneOfTheHostsFiles) {
  const auto r = run_sandboxed(
      "ls /; touch /usr/podium-sandbox-test && echo wrote-usr; "
      "for p in /root /home /etc/shadow /etc/passwd /var /run /work " + fs::current_path().string() + "; do test -e $p && echo saw $p; done; true");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.find("wrote-usr"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("saw "), std::string::npos) << r.output;
  const std::set<std::string> system = {"bin", "dev", "etc", "lib", "lib32", "lib64", "libx32", "proc", "sbin", "sys", "tmp", "usr"};
  for (const auto& entry : lines(r.output)) {
    if (entry.find(' ') == std::string::npos) {
      EXPECT_TRUE(system.count(entry)) << "unexpected /" << entry;
    }
  }
}

TEST(Sandbox, HasAPrivateTmpOfItsOwn) {
  const fs::path mark = fs::temp_directory_path() / ("podium-sandbox-mark-" + std::to_string(getpid()));
  std::ofstream(mark) << "host";
  const auto r = run_sandboxed("ls -A /tmp; echo inside > /tmp/podium-written-inside && cat /tmp/podium-written-inside");
  fs::remove(mark);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "inside\n") << "the host's /tmp must not show, and the private one must be writable";
  EXPECT_FALSE(fs::exists(fs::temp_directory_path() / "podium-written-inside"));
}

TEST(Sandbox, PassesNoneOfPodiumsEnvironment) {
  setenv("PODIUM_SANDBOX_TEST_SECRET", "s3cret", 1);
  const auto r = run_sandboxed("env");
  unsetenv("PODIUM_SANDBOX_TEST_SECRET");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.find("s3cret"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("HOME=/tmp"), std::string::npos) << r.output;
}

TEST(Sandbox, SeesOnlyItsOwnProcessesAndCannotSignalItsInit) {
  const auto r = run_sandboxed("ls /proc | grep -c '^[0-9]'; kill -9 1 2>/dev/null && echo killed-init; true");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto out = lines(r.output);
  ASSERT_FALSE(out.empty());
  EXPECT_LE(std::stoi(out[0]), 4) << "bwrap's init, the shell and its commands: " << r.output;
  EXPECT_EQ(r.output.find("killed-init"), std::string::npos) << r.output;
}

TEST(Sandbox, AppliesItsResourceLimits) {
  SandboxSpec spec;
  spec.limits.file_bytes = 8 << 20;
  spec.limits.open_files = 77;
  spec.limits.memory_bytes = 1ull << 30;
  spec.address_space_slack_bytes = 1ull << 30;
  const auto r = run_sandboxed("ulimit -f; ulimit -n; ulimit -v; ulimit -c", spec);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(lines(r.output), (std::vector<std::string>{"16384", "77", "2097152", "0"})) << "512-byte blocks, files, KiB, core";
}

TEST(Sandbox, GivesCompilersNoEndlessDevices) {
  SandboxSpec spec;
  spec.endless_devices = false;
  const auto r = run_sandboxed("test -e /dev/zero && echo zero; test -e /dev/urandom && echo urandom; test -c /dev/null && echo null", spec);
  EXPECT_EQ(r.output, "null\n");
}

TEST(Sandbox, IsKilledWholeAtItsTimeLimit) {
  const auto r = run_sandboxed("sleep 60 & sleep 60", with_wall(1));
  EXPECT_TRUE(r.timed_out);
  EXPECT_LT(r.seconds, 10.0);
}

TEST(Sandbox, StopsAFloodOfOutputAtTheLimit) {
  SandboxSpec spec = with_wall(30);
  spec.limits.output_bytes = 64 << 10;
  const auto r = run_sandboxed("yes flood", spec, true);
  EXPECT_TRUE(r.output_truncated);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.output.size(), size_t{64} << 10);
}

TEST(Sandbox, BoundsMemoryWithItsControlGroup) {
  SandboxSpec spec = with_wall(30);
  spec.limits.memory_bytes = 64 << 20;
  spec.address_space_slack_bytes = 0;
  spec.command = {"/bin/sh", "-c", "x=$(head -c 400000000 /dev/zero | tr '\\0' a); echo survived"};
  Sandbox sandbox(spec);
  if (!sandbox.bounds_memory()) GTEST_SKIP() << "no writable memory control group here: memory is bounded by RLIMIT_AS alone";
  ProcessOptions options;
  options.spawn = sandbox.spawn_options();
  options.timeout_seconds = spec.wall_seconds;
  const auto r = run_process(sandbox.argv(), options);
  EXPECT_EQ(r.output.find("survived"), std::string::npos) << r.output;
  EXPECT_TRUE(sandbox.memory_exhausted());
}

TEST(SymbolScreen, PassesEveryHonestSolutionOfTheCpuProblems) {
  for (const auto& problem : fs::directory_iterator(fs::path(PODIUM_SOURCE_DIR) / "problems/cpu")) {
    for (const auto& file : fs::directory_iterator(problem.path() / "solutions/correct")) {
      std::ifstream in(file.path());
      std::stringstream text;
      text << in.rdbuf();
      EXPECT_EQ(screen_source(text.str()), std::nullopt) << file.path();
    }
  }
}

TEST(SymbolScreen, NamesAForbiddenImport) {
  const auto why = screen_source("#include <unistd.h>\nextern \"C\" int spawn() { return fork(); }\n");
  ASSERT_TRUE(why);
  EXPECT_NE(why->find("calls fork, which reaches a new process"), std::string::npos) << *why;
}

TEST(SymbolScreen, NamesADefinitionThatWouldInterposeTheTimer) {
  const auto why = screen_source("#include <time.h>\nextern \"C\" int clock_gettime(clockid_t, timespec*) { return 0; }\n");
  ASSERT_TRUE(why);
  EXPECT_NE(why->find("defines clock_gettime"), std::string::npos) << *why;
}

TEST(SymbolScreen, LetsStaticHelpersAndStandardLibraryUseThrough) {
  EXPECT_EQ(screen_source("#include <thread>\n#include <vector>\n#include <stdexcept>\n"
                          "static int time() { return 1; }\n"
                          "extern \"C\" int work() { std::vector<int> v(10, time()); std::thread t([&] { v[0] = 2; }); t.join();"
                          " try { throw std::runtime_error(\"x\"); } catch (...) {} return v[0]; }\n"),
            std::nullopt);
}
