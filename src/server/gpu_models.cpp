// See gpu_models.hpp. A model's name is the first of the catalogue entry's `match` strings.
#include "server/gpu_models.hpp"

#include "core/sol.hpp"

namespace podium {

namespace {

std::string model_of(const GpuEntry& entry) { return entry.match.empty() ? entry.name : entry.match.front(); }

}  // namespace

std::vector<std::string> gpu_models() {
  std::vector<std::string> models;
  for (const auto& g : gpu_catalogue()) models.push_back(model_of(g));
  return models;
}

std::optional<std::string> gpu_model(std::string_view name) {
  const auto entry = gpu_by_name(name);
  if (!entry) return std::nullopt;
  return model_of(*entry);
}

std::optional<std::string> gpu_model_for_device(std::string_view device_name) {
  const auto entry = find_gpu(device_name);
  if (!entry) return std::nullopt;
  return model_of(*entry);
}

}  // namespace podium
