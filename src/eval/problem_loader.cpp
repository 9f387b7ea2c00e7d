// Reads problem directories. See problem_loader.hpp.
#include "eval/problem_loader.hpp"

#include <unistd.h>

#include <atomic>

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace podium {

std::string read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("cannot read {}: no such file or not readable", path.string()));
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void write_file_atomically(const std::filesystem::path& path, const std::string& text) {
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  // A temporary name of this writer's own: two processes may write the same file at once.
  static std::atomic<unsigned> counter{0};
  const auto tmp = fmt::format("{}.tmp-{}-{}", path.string(), getpid(), counter++);
  {
    std::ofstream out(tmp, std::ios::binary);
    out << text;
    if (!out.flush()) {
      std::error_code ignored;
      std::filesystem::remove(tmp, ignored);
      throw std::runtime_error(fmt::format("cannot write {}", tmp));
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    throw std::runtime_error(fmt::format("cannot write {}: {}", path.string(), ec.message()));
  }
}

Problem load_problem(const std::filesystem::path& dir) {
  if (!std::filesystem::is_directory(dir))
    throw SpecError(fmt::format("{}: not a problem directory (it does not exist or is not a directory)", dir.string()));
  const auto yaml_path = dir / "problem.yaml";
  if (!std::filesystem::exists(yaml_path)) throw SpecError(fmt::format("{}: missing (every problem directory needs one)", yaml_path.string()));
  Problem p{dir, parse_problem(read_text_file(yaml_path), yaml_path.string())};
  const auto check_file = [&](const std::string& field, const std::string& name) {
    if (!std::filesystem::is_regular_file(dir / name))
      throw SpecError(fmt::format("{}: {}: file '{}' not found in {}", yaml_path.string(), field, name, dir.string()));
  };
  check_file("reference", p.spec.reference_file);
  if (!p.spec.cpu_reference_file.empty()) check_file("cpu_reference", p.spec.cpu_reference_file);
  check_file("template", p.spec.template_file);
  check_file("description", p.spec.description_file);
  if (p.spec.tolerance.kind == Tolerance::Kind::checker) check_file("tolerance.checker", p.spec.tolerance.checker_file);
  return p;
}

}  // namespace podium
