// Compiling a submission (or a reference, or a checker) into a shared library, through a
// content-addressed cache.
//
// The submission's file is compiled as it is, under its own file name, so diagnostics carry its line
// numbers; beside it Podium compiles a generated file that declares the problem's entry point and
// defines `podium_entry(void** args)`, which unpacks the arguments and calls it. The cache key is
// the SHA-256 of everything that determines the output: the compiler's identity, the command, the
// source and the generated file.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/problem.hpp"
#include "core/report.hpp"

namespace podium {

struct CompilerConfig {
  std::filesystem::path cache_dir;      // default: $PODIUM_CACHE_DIR, $XDG_CACHE_HOME/podium or ~/.cache/podium
  std::string nvcc = "nvcc";            // found in PATH or /usr/local/cuda/bin
  std::string cxx = "g++";
  std::string cuda_arch = "sm_90a";     // $PODIUM_CUDA_ARCH overrides
  double timeout_seconds = 120;
  size_t output_limit = 256 * 1024;
  bool use_cache = true;
};

CompilerConfig default_compiler_config();

struct CompileRequest {
  BackendKind backend = BackendKind::cpu;
  std::string source;          // the file's text
  std::string file_name;       // its base name, as diagnostics will show it
  std::string entry_name;      // "solution" / "reference"; empty: no entry shim (checkers)
  std::string signature;       // c_signature(spec, entry_name)
  std::vector<std::string> parameter_ctypes;  // the C type of each argument, for unpacking args
  std::vector<std::string> flags;
};

struct CompiledLibrary {
  CompileReport report;
  std::filesystem::path library;  // valid when report.ok
};

// A request to compile `file` as the problem's submission or reference entry point.
CompileRequest entry_request(const ProblemSpec& spec, const std::filesystem::path& file, const std::string& entry_name);

CompiledLibrary compile(const CompileRequest& request, const CompilerConfig& config);

// Parses ptxas' -v report into per-kernel resources (names demangled).
std::vector<KernelResources> parse_ptxas_report(const std::string& output);

// "compile error at line 12: expected ';'" from nvcc's or g++'s diagnostics; empty when none found.
std::string summarize_diagnostics(const std::string& diagnostics, const std::string& file_name);

}  // namespace podium
