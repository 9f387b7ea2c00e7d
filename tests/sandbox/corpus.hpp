// The corpus manifest (tests/corpus/manifest.yaml) and the evaluation of one entry, shared by the
// CPU and the GPU corpus tests.
#pragma once

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <ostream>
#include <string>
#include <vector>

#include "eval/problem_loader.hpp"
#include "integration/test_support.hpp"
#include "runner/evaluate.hpp"

namespace podium::testing {

struct CorpusEntry {
  std::string file;     // under tests/corpus
  std::string problem;  // a problem directory
  std::string verdict;
  std::string message;  // a piece of the report's message
  std::string honest;   // the problem's honest solution, evaluated after the entry
  Mode mode = Mode::test;
  std::vector<size_t> cases = {0, 1, 2};  // 0-based
  double time_limit = 30;
  double compile_timeout = 60;
  uint64_t memory_mib = 0;  // 0: the default
  bool faster_than_light = false;
  bool gpu = false;
};

// How gtest names an entry in its messages: by its file.
inline void PrintTo(const CorpusEntry& e, std::ostream* os) { *os << e.file; }

// The entries that run on a GPU (`gpu`) or not.
inline std::vector<CorpusEntry> corpus_entries(bool gpu) {
  const YAML::Node manifest = YAML::LoadFile(source_path("tests/corpus/manifest.yaml").string());
  std::vector<CorpusEntry> entries;
  for (const auto& n : manifest["entries"]) {
    CorpusEntry e;
    e.file = n["file"].as<std::string>();
    e.problem = n["problem"].as<std::string>();
    e.verdict = n["verdict"].as<std::string>();
    e.message = n["message"].as<std::string>();
    e.honest = manifest["honest"][e.problem].as<std::string>();
    if (n["mode"]) e.mode = *parse_mode(n["mode"].as<std::string>());
    if (n["cases"]) {
      e.cases.clear();
      for (const auto& c : n["cases"]) e.cases.push_back(c.as<size_t>() - 1);
    }
    if (n["time_limit"]) e.time_limit = n["time_limit"].as<double>();
    if (n["compile_timeout"]) e.compile_timeout = n["compile_timeout"].as<double>();
    if (n["memory_mib"]) e.memory_mib = n["memory_mib"].as<uint64_t>();
    e.faster_than_light = n["faster_than_light"] && n["faster_than_light"].as<bool>();
    e.gpu = n["gpu"] && n["gpu"].as<bool>();
    if (e.gpu == gpu) entries.push_back(e);
  }
  return entries;
}

// "hostile_fork_bomb_raw": the entry's file as a test name.
inline std::string entry_name(const ::testing::TestParamInfo<CorpusEntry>& info) {
  std::string name = info.param.file.substr(0, info.param.file.rfind('.'));
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

// The compile cache private to this test process, with the entry's compile time limit.
inline CompilerConfig corpus_compiler(double timeout_seconds) {
  auto c = test_compiler_config();
  c.timeout_seconds = timeout_seconds;
  return c;
}

// Evaluates `file` as the entry says (its mode, cases and limits).
inline EvalReport evaluate_as(const CorpusEntry& e, const std::string& file) {
  EvaluateRequest request;
  request.solution_file = source_path(file);
  request.mode = e.mode;
  request.only_cases = e.cases;
  request.time_limit_seconds = e.time_limit;
  request.stopping.budget_seconds = 0.2;
  request.echo_output = false;
  if (e.memory_mib) request.limits.memory_bytes = e.memory_mib << 20;
  return evaluate(load_problem(source_path(e.problem)), request, corpus_compiler(e.compile_timeout));
}

// The entry gets its verdict and message, then the problem's honest solution passes.
inline void expect_entry_and_recovery(const CorpusEntry& e) {
  const EvalReport r = evaluate_as(e, "tests/corpus/" + e.file);
  EXPECT_EQ(verdict_name(r.verdict), e.verdict) << e.file << ": " << r.message;
  EXPECT_NE(r.message.find(e.message), std::string::npos) << e.file << ": " << r.message;
  if (e.faster_than_light) {
    bool flagged = false;
    for (const auto& c : r.cases) flagged = flagged || c.faster_than_light;
    EXPECT_TRUE(flagged) << e.file << ": its timing was not flagged as faster than the speed of light";
  }
  CorpusEntry honest = e;
  honest.mode = Mode::test;
  honest.cases = {0, 1, 2};
  const EvalReport next = evaluate_as(honest, e.honest);
  EXPECT_EQ(next.verdict, Verdict::accepted) << "the honest solution after " << e.file << ": " << next.message;
}

}  // namespace podium::testing
