// Shared helpers of the integration tests (and of the sandbox and platform tests): paths into the
// source tree, a private compile cache per test process, and running the podium binary.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>
#include <system_error>

#include "eval/backend.hpp"
#include "runner/compiler.hpp"
#include "runner/process.hpp"

namespace podium::testing {

inline std::filesystem::path source_path(const std::string& relative) { return std::filesystem::path(PODIUM_SOURCE_DIR) / relative; }

// A compile cache private to this test process, so tests see their own cold and warm builds. It is
// removed when the process exits (ctest runs each test in a process of its own), and only by the
// process that made it: a forked child that calls exit() runs the same destructors.
inline CompilerConfig test_compiler_config() {
  struct ProcessCache {
    const pid_t owner = getpid();
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("podium-test-cache-" + std::to_string(owner));
    ProcessCache() { std::filesystem::create_directories(dir); }
    ~ProcessCache() {
      std::error_code ignored;
      if (getpid() == owner) std::filesystem::remove_all(dir, ignored);
    }
  };
  static const ProcessCache cache;
  auto c = default_compiler_config();
  c.cache_dir = cache.dir;
  return c;
}

inline bool nvcc_available() { return access(default_compiler_config().nvcc.c_str(), X_OK) == 0 || run_process({"nvcc", "--version"}, "", 30).exit_code == 0; }

}  // namespace podium::testing
