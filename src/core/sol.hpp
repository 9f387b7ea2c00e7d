// The speed-of-light model: the fastest a case could possibly run on a GPU, from the problem's cost
// model (flops and minimal bytes) and the GPU's ceilings.
//
// Each catalogue entry has the datasheet's peak rates (dense, no sparsity) and, where known, rates
// measured on the card (a device-to-device copy; cuBLAS matrix products on random data). % of SoL
// uses the measured figures where there are any, since no kernel reaches the datasheet; a time below
// the floor computed from the *peak* figures is physically impossible and is flagged as such.
//
// The L2 cache is write-back: a call's output writes, up to the L2's size, can stay in L2 when the
// call ends (the next flush writes them back, outside the timed interval). Those bytes are left out of
// the memory term, or a kernel with outputs smaller than L2 would beat its own floor.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/problem.hpp"

namespace podium {

struct Rates {
  double bandwidth = 0;  // device memory, bytes read + written per second
  double f64 = 0, f32 = 0, f16 = 0, bf16 = 0, f8 = 0, i8 = 0;  // operations per second
  // The math rate that bounds a cost model of this dtype (32/64-bit integers: the f32 rate).
  double flops_for(DType t) const;
  // These rates with the zero fields taken from `fallback`.
  Rates or_else(const Rates& fallback) const;
};

struct GpuEntry {
  std::string name;                 // "H100 SXM"
  std::vector<std::string> match;   // substrings of the CUDA device name: "H100"
  std::string source;               // where the figures come from
  Rates peak;
  std::optional<Rates> measured;
  uint64_t l2_bytes = 0;            // 0 when unknown
  // The rates % of SoL is computed from: measured where known, else peak.
  Rates realistic() const { return measured ? measured->or_else(peak) : peak; }
};

const std::vector<GpuEntry>& gpu_catalogue();

// The entry for a CUDA device name: a measured entry (from `podium gpu calibrate`) for this exact
// device name first, else the catalogue's first match.
std::optional<GpuEntry> find_gpu(std::string_view device_name, const std::vector<GpuEntry>& measured_entries = {});
// An entry by its catalogue name, case-insensitively ("h100", "H200", ...), or a measured one by device name.
std::optional<GpuEntry> gpu_by_name(std::string_view name, const std::vector<GpuEntry>& measured_entries = {});

struct SpeedOfLight {
  double flops = 0, bytes = 0;
  double absorbed_bytes = 0;  // output bytes L2 can hold at the end of the call
  double compute_seconds = 0, memory_seconds = 0;
  double seconds = 0;  // the larger of the two
  bool memory_bound = false;
};

// nullopt when the problem has no cost model. `l2_bytes`: the device's L2 size (0: none absorbed).
std::optional<SpeedOfLight> speed_of_light(const ProblemSpec& spec, const Bindings& vars, const Rates& rates,
                                           uint64_t l2_bytes = 0);

void to_json(nlohmann::json& j, const Rates& r);
void from_json(const nlohmann::json& j, Rates& r);
void to_json(nlohmann::json& j, const GpuEntry& g);
void from_json(const nlohmann::json& j, GpuEntry& g);

}  // namespace podium
