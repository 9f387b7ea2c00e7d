// Bringing a problems directory into the store at start-up: every <set>/<name>/problem.yaml becomes
// problem "set/name". A problem's files (all of its directory but solutions/, which may hold answers)
// are what a worker receives; when they change, the store records a new version, so a submission
// always names the exact files it was judged with.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "store/store.hpp"

namespace podium {

struct ProblemFiles {
  std::map<std::string, std::string> files;  // path relative to the problem directory -> text
  std::string hash;                          // SHA-256 over the sorted names and contents
  std::string files_json;                    // the files as one JSON object
};

// Throws with the path when a file cannot be read or is not UTF-8 text.
ProblemFiles read_problem_files(const std::filesystem::path& problem_dir);

struct ImportSummary {
  int added = 0, updated = 0, unchanged = 0;
  std::vector<std::string> errors;  // "set/name: reason" for each problem left out
  int imported() const { return added + updated + unchanged; }
};

// Imports every problem under `dir`. A problem that does not load (load_problem's checks) is left out
// and named in `errors`; the rest still go in. Throws when `dir` is not a directory.
ImportSummary import_problems(Store& store, const std::filesystem::path& dir, Millis now);

// The problems directory `podium serve` uses by default: the source tree's problems/ when the binary
// runs where it was built, else <directory of the executable>/../problems.
std::filesystem::path default_problems_dir();
// The web UI that podium serve serves: web/dist of the source tree it was built from, else
// <exe dir>/../web/dist.
std::filesystem::path default_web_dir();

}  // namespace podium
