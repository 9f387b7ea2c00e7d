// Reading a problem directory: problem.yaml parsed and every file it names checked to exist.
#pragma once

#include <filesystem>
#include <string>

#include "core/problem.hpp"

namespace podium {

struct Problem {
  std::filesystem::path dir;
  ProblemSpec spec;
  std::filesystem::path file(const std::string& name) const { return dir / name; }
};

// Throws SpecError ("DIR/problem.yaml:LINE: FIELD: reason") for a malformed spec or a missing file.
Problem load_problem(const std::filesystem::path& dir);

std::string read_text_file(const std::filesystem::path& path);

}  // namespace podium
