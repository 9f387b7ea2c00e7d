// Shared helpers of the integration tests: paths into the source tree, a private compile cache per
// test binary run, and running the podium binary.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>

#include "eval/backend.hpp"
#include "runner/compiler.hpp"
#include "runner/process.hpp"

namespace podium::testing {

inline std::filesystem::path source_path(const std::string& relative) { return std::filesystem::path(PODIUM_SOURCE_DIR) / relative; }

// A compile cache private to this test process, so tests see their own cold and warm builds.
inline CompilerConfig test_compiler_config() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("podium-test-cache-" + std::to_string(getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  auto c = default_compiler_config();
  c.cache_dir = dir;
  return c;
}

inline bool nvcc_available() { return access(default_compiler_config().nvcc.c_str(), X_OK) == 0 || run_process({"nvcc", "--version"}, "", 30).exit_code == 0; }

}  // namespace podium::testing
