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
// Writes `text` to a temporary file beside `path` (named for this writer) and renames it over
// `path` (creating the directory), so a crash never leaves a truncated file and concurrent writers
// each leave a whole one. Throws with the path when it cannot.
void write_file_atomically(const std::filesystem::path& path, const std::string& text);

}  // namespace podium
