// Speed-of-light figures. The H100 entry is what we measured on an H100 SXM (see
// ../shared/ANCHORS.md: 2.9 TB/s device copy; dense GEMM 783 bf16, 723 fp16, 51 fp32 TFLOP/s without
// TF32). The full catalogue and `podium gpu calibrate` extend this table.
#include "core/sol.hpp"

#include <algorithm>
#include <array>

namespace podium {

double DeviceCeilings::flops_for(DType t) const {
  switch (t) {
    case DType::f64:
      return f64_flops;
    case DType::f32:
      return f32_flops;
    case DType::f16:
      return f16_flops;
    case DType::bf16:
      return bf16_flops;
    default:
      return int_ops;
  }
}

std::optional<DeviceCeilings> find_ceilings(std::string_view device_name) {
  static const std::array<DeviceCeilings, 1> catalogue{{
      {"H100", 2.9e12, 51e12 / 2, 51e12, 723e12, 783e12, 51e12},
  }};
  for (const auto& d : catalogue)
    if (device_name.find(d.name) != std::string_view::npos) return d;
  return std::nullopt;
}

std::optional<double> sol_seconds(const ProblemSpec& spec, const Bindings& vars, const DeviceCeilings& device) {
  if (!spec.cost.flops && !spec.cost.bytes) return std::nullopt;
  double t = 0;
  if (spec.cost.flops) {
    const double rate = device.flops_for(spec.cost.dtype);
    if (rate > 0) t = std::max(t, spec.cost.flops->evaluate(vars) / rate);
  }
  if (spec.cost.bytes && device.bandwidth_bytes_per_s > 0)
    t = std::max(t, spec.cost.bytes->evaluate(vars) / device.bandwidth_bytes_per_s);
  return t;
}

}  // namespace podium
