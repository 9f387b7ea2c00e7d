// See gpu_file.hpp.
#include "eval/gpu_file.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <fstream>

#include "eval/problem_loader.hpp"

namespace podium {

std::filesystem::path config_dir() {
  if (const char* d = std::getenv("PODIUM_CONFIG_DIR"); d && *d) return d;
  if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) return std::filesystem::path(x) / "podium";
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home ? home : "/tmp") / ".config" / "podium";
}

std::filesystem::path measured_gpus_path() { return config_dir() / "gpus.json"; }

std::vector<GpuEntry> load_measured_gpus() {
  const auto path = measured_gpus_path();
  if (!std::filesystem::exists(path)) return {};
  try {
    return nlohmann::json::parse(read_text_file(path)).get<std::vector<GpuEntry>>();
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(fmt::format("{}: not a list of GPU entries ({}); fix or delete it, then run podium gpu calibrate",
                                         path.string(), e.what()));
  }
}

void save_measured_gpu(const GpuEntry& entry) {
  auto entries = load_measured_gpus();
  std::erase_if(entries, [&](const GpuEntry& e) { return e.name == entry.name; });
  entries.push_back(entry);
  write_file_atomically(measured_gpus_path(), nlohmann::json(entries).dump(2) + "\n");
}

}  // namespace podium
