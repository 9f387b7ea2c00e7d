// The speed-of-light model: the fastest a case could possibly run on a device, from the problem's
// cost model (flops and minimal bytes) and the device's measured ceilings.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/problem.hpp"

namespace podium {

struct DeviceCeilings {
  std::string name;
  double bandwidth_bytes_per_s = 0;  // device memory, bytes read + written
  double f64_flops = 0, f32_flops = 0, f16_flops = 0, bf16_flops = 0, int_ops = 0;
  double flops_for(DType t) const;
};

// The catalogue entry whose name is contained in the device name ("NVIDIA H100 80GB HBM3" → H100).
std::optional<DeviceCeilings> find_ceilings(std::string_view device_name);

// max(flops / rate, bytes / bandwidth); nullopt when the problem has no cost model.
std::optional<double> sol_seconds(const ProblemSpec& spec, const Bindings& vars, const DeviceCeilings& device);

}  // namespace podium
