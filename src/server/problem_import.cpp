// See problem_import.hpp.
#include "server/problem_import.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/problem.hpp"
#include "eval/problem_loader.hpp"
#include "runner/hash.hpp"
#include "server/auth.hpp"
#include "server/limits.hpp"

namespace podium {

namespace fs = std::filesystem;

ProblemFiles read_problem_files(const fs::path& problem_dir) {
  ProblemFiles p;
  for (auto it = fs::recursive_directory_iterator(problem_dir); it != fs::recursive_directory_iterator(); ++it) {
    const auto relative = it->path().lexically_relative(problem_dir).generic_string();
    if (it->is_directory() && relative == "solutions") {
      it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file()) continue;
    auto text = read_text_file(it->path());
    if (const auto at = invalid_utf8_at(text); at != std::string::npos)
      throw std::runtime_error(it->path().string() + ": not UTF-8 text (byte " + std::to_string(at) + "); problem files travel as JSON text");
    p.files.emplace(relative, std::move(text));
  }
  // Length-prefixed names and contents, in sorted order, so that no two different file sets hash alike.
  std::string material;
  for (const auto& [name, text] : p.files)
    material += std::to_string(name.size()) + ":" + name + std::to_string(text.size()) + ":" + text;
  p.hash = sha256_hex(material);
  p.files_json = nlohmann::json(p.files).dump();
  return p;
}

ImportSummary import_problems(Store& store, const fs::path& dir, Millis now) {
  if (!fs::is_directory(dir)) throw std::runtime_error(dir.string() + ": no such problems directory");
  std::vector<fs::path> problem_dirs;
  for (const auto& set : fs::directory_iterator(dir)) {
    if (!set.is_directory()) continue;
    for (const auto& problem : fs::directory_iterator(set.path()))
      if (fs::exists(problem.path() / "problem.yaml")) problem_dirs.push_back(problem.path());
  }
  std::sort(problem_dirs.begin(), problem_dirs.end());

  ImportSummary summary;
  for (const auto& problem_dir : problem_dirs) {
    const std::string slug = problem_dir.parent_path().filename().string() + "/" + problem_dir.filename().string();
    try {
      const Problem loaded = load_problem(problem_dir);
      const ProblemFiles files = read_problem_files(problem_dir);
      ProblemRecord record;
      record.slug = slug;
      record.title = loaded.spec.title;
      record.backend = std::string(backend_name(loaded.spec.backend));
      record.ranking = std::string(to_string(loaded.spec.ranking));
      record.secret_seed = random_decimal_u64();  // the store keeps the first import's
      const auto before = store.find_problem(slug);
      const auto stored = store.put_problem(record, files.hash, files.files_json, now);
      if (!before)
        ++summary.added;
      else if (stored.current_version != before->current_version)
        ++summary.updated;
      else
        ++summary.unchanged;
    } catch (const std::exception& e) {
      summary.errors.push_back(slug + ": " + e.what());
    }
  }
  return summary;
}

namespace {

// A directory of the source tree podium was built from, else the same path beside the executable.
fs::path bundled_dir(const fs::path& built_from, const fs::path& relative) {
  if (fs::is_directory(built_from)) return built_from;
  std::error_code ec;
  const auto exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? relative : exe.parent_path().parent_path() / relative;
}

}  // namespace

fs::path default_problems_dir() { return bundled_dir(PODIUM_PROBLEMS_DIR, "problems"); }

fs::path default_web_dir() { return bundled_dir(PODIUM_WEB_DIR, fs::path("web") / "dist"); }

}  // namespace podium
