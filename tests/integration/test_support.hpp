// Shared helpers of the tests: paths into the source tree, temporary directories, a private compile
// cache per test process, and whether nvcc is there.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <system_error>

#include "eval/backend.hpp"
#include "runner/compiler.hpp"
#include "runner/process.hpp"

namespace podium::testing {

inline std::filesystem::path source_path(const std::string& relative) { return std::filesystem::path(PODIUM_SOURCE_DIR) / relative; }

// A fresh directory under the system's temporary directory (NAME-PID-N), removed with the object,
// and only by the process that made it: a forked child that calls exit() runs the same destructors.
class TempDir {
 public:
  explicit TempDir(const std::string& name = "podium-test") {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() / (name + "-" + std::to_string(owner_) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    if (getpid() == owner_) std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  pid_t owner_ = getpid();
  std::filesystem::path path_;
};

// A compile cache private to this test process, so tests see their own cold and warm builds; removed
// when the process exits (ctest runs each test in a process of its own).
inline CompilerConfig test_compiler_config() {
  static const TempDir cache("podium-test-cache");
  auto c = default_compiler_config();
  c.cache_dir = cache.path();
  return c;
}

inline bool nvcc_available() { return access(default_compiler_config().nvcc.c_str(), X_OK) == 0 || run_process({"nvcc", "--version"}, "", 30).exit_code == 0; }

}  // namespace podium::testing
