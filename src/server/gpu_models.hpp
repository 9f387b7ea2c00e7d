// GPU models as the platform names them: the catalogue's short names ("H100", "H200", ...), which
// submissions, leaderboards and workers' lease requests use, and "cpu" for problems of the CPU backend.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace podium {

inline constexpr const char* kCpuModel = "cpu";

// The catalogue's models, in catalogue order.
std::vector<std::string> gpu_models();
// The model a name means, case-insensitively: "h100", "H100 SXM" -> "H100"; nullopt when unknown.
std::optional<std::string> gpu_model(std::string_view name);
// The model of a CUDA device ("NVIDIA H100 80GB HBM3" -> "H100"): what a worker advertises.
std::optional<std::string> gpu_model_for_device(std::string_view device_name);

}  // namespace podium
