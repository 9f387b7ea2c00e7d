// Measuring the local GPU's ceilings for the speed-of-light model (`podium gpu calibrate`).
#pragma once

#include <functional>
#include <string>

#include "core/sol.hpp"

namespace podium {

// Measures device-to-device copy bandwidth (bytes read + written) and cuBLAS matrix-product rates
// for f64, f32 (no TF32), f16 and bf16 on random data, and returns an entry named after the device
// with those figures as `measured` and, where the device is in the catalogue, its peak figures.
// Throws BackendUnavailable without a usable GPU.
GpuEntry calibrate_gpu(const std::function<void(const std::string&)>& progress);

}  // namespace podium
