// The GPU catalogue and the speed-of-light arithmetic. See sol.hpp.
//
// Peak figures are NVIDIA's datasheets (dense tensor-core rates, no sparsity; f32 is the non-tensor
// FP32 rate, since a problem whose cost dtype is f32 is not allowed TF32 unless it says so). Measured
// figures are our own: the H100's from ../shared/ANCHORS.md (2026-11-24: copy 2.9 TB/s; cuBLAS bf16
// 783, f16 723, fp8 1418, f32 without TF32 51 TFLOP/s); the H200's from the device notes (copy
// 4.3 TB/s, bf16 790 TFLOP/s). `podium gpu calibrate` measures the local card.
#include "core/sol.hpp"

#include <algorithm>
#include <cctype>

namespace podium {

double Rates::flops_for(DType t) const {
  switch (t) {
    case DType::f64:
      return f64;
    case DType::f16:
      return f16;
    case DType::bf16:
      return bf16;
    case DType::i8:
    case DType::u8:
      return i8;
    default:
      return f32;
  }
}

Rates Rates::or_else(const Rates& fallback) const {
  const auto pick = [](double mine, double theirs) { return mine > 0 ? mine : theirs; };
  return {pick(bandwidth, fallback.bandwidth), pick(f64, fallback.f64), pick(f32, fallback.f32), pick(f16, fallback.f16),
          pick(bf16, fallback.bf16),           pick(f8, fallback.f8),   pick(i8, fallback.i8)};
}

const std::vector<GpuEntry>& gpu_catalogue() {
  constexpr double T = 1e12;
  constexpr uint64_t MiB = 1 << 20;
  static const std::vector<GpuEntry> catalogue{
      {"H100 SXM", {"H100"}, "datasheet (H100 SXM5); measured on an H100 80GB HBM3, 2026-11-24",
       {3.35 * T, 67 * T, 67 * T, 989 * T, 989 * T, 1979 * T, 1979 * T},
       Rates{2.9 * T, 0, 51 * T, 723 * T, 783 * T, 1418 * T, 0}, 50 * MiB},
      {"H200", {"H200"}, "datasheet (H200 SXM); measured copy and bf16 on an H200, 2026-10-28",
       {4.8 * T, 67 * T, 67 * T, 989 * T, 989 * T, 1979 * T, 1979 * T},
       Rates{4.3 * T, 0, 0, 0, 790 * T, 0, 0}, 60 * MiB},
      {"A100", {"A100"}, "datasheet (A100 SXM 80GB)", {2.039 * T, 19.5 * T, 19.5 * T, 312 * T, 312 * T, 0, 624 * T}, std::nullopt, 40 * MiB},
      {"L4", {"L4"}, "datasheet (L4)", {0.3 * T, 0.49 * T, 30.3 * T, 121 * T, 121 * T, 242.5 * T, 242.5 * T}, std::nullopt, 48 * MiB},
      {"B200", {"B200"}, "datasheet (HGX B200)", {8 * T, 40 * T, 80 * T, 2250 * T, 2250 * T, 4500 * T, 4500 * T}, std::nullopt},
  };
  return catalogue;
}

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::optional<GpuEntry> find_gpu(std::string_view device_name, const std::vector<GpuEntry>& measured_entries) {
  for (const auto& m : measured_entries)
    if (m.name == device_name) return m;
  for (const auto& g : gpu_catalogue())
    for (const auto& s : g.match)
      if (device_name.find(s) != std::string_view::npos) return g;
  return std::nullopt;
}

std::optional<GpuEntry> gpu_by_name(std::string_view name, const std::vector<GpuEntry>& measured_entries) {
  const auto wanted = lower(name);
  for (const auto& m : measured_entries)
    if (lower(m.name) == wanted) return m;
  for (const auto& g : gpu_catalogue()) {
    if (lower(g.name) == wanted) return g;
    for (const auto& s : g.match)
      if (lower(s) == wanted) return g;
  }
  return std::nullopt;
}

std::optional<SpeedOfLight> speed_of_light(const ProblemSpec& spec, const Bindings& vars, const Rates& rates,
                                           uint64_t l2_bytes) {
  if (!spec.cost.flops && !spec.cost.bytes) return std::nullopt;
  SpeedOfLight s;
  if (spec.cost.flops) {
    s.flops = spec.cost.flops->evaluate(vars);
    const double rate = rates.flops_for(spec.cost.dtype);
    if (rate > 0) s.compute_seconds = s.flops / rate;
  }
  if (spec.cost.bytes) {
    s.bytes = spec.cost.bytes->evaluate(vars);
    double output_bytes = 0;
    for (const auto& p : spec.parameters)
      if (p.role == Role::output) output_bytes += static_cast<double>(element_count(p, vars) * dtype_size(p.dtype));
    s.absorbed_bytes = std::min({output_bytes, static_cast<double>(l2_bytes), s.bytes});
    if (rates.bandwidth > 0) s.memory_seconds = (s.bytes - s.absorbed_bytes) / rates.bandwidth;
  }
  s.memory_bound = s.memory_seconds >= s.compute_seconds;
  s.seconds = std::max(s.compute_seconds, s.memory_seconds);
  return s;
}

void to_json(nlohmann::json& j, const Rates& r) {
  j = {{"bandwidth", r.bandwidth}, {"f64", r.f64}, {"f32", r.f32}, {"f16", r.f16},
       {"bf16", r.bf16},           {"f8", r.f8},   {"i8", r.i8}};
}

void from_json(const nlohmann::json& j, Rates& r) {
  r.bandwidth = j.value("bandwidth", 0.0);
  r.f64 = j.value("f64", 0.0);
  r.f32 = j.value("f32", 0.0);
  r.f16 = j.value("f16", 0.0);
  r.bf16 = j.value("bf16", 0.0);
  r.f8 = j.value("f8", 0.0);
  r.i8 = j.value("i8", 0.0);
}

void to_json(nlohmann::json& j, const GpuEntry& g) {
  j = {{"name", g.name}, {"match", g.match}, {"source", g.source}, {"peak", g.peak}, {"l2_bytes", g.l2_bytes}};
  if (g.measured) j["measured"] = *g.measured;
}

void from_json(const nlohmann::json& j, GpuEntry& g) {
  j.at("name").get_to(g.name);
  g.match = j.value("match", std::vector<std::string>{});
  g.source = j.value("source", "");
  g.peak = j.value("peak", Rates{});
  g.l2_bytes = j.value("l2_bytes", uint64_t{0});
  if (j.contains("measured")) g.measured = j.at("measured").get<Rates>();
}

}  // namespace podium
