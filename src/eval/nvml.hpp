// The GPU's clock, temperature and throttle state, and what it says of its health, read through NVML.
//
// NVML ships with the driver, not the toolkit, so it is loaded at run time (libnvidia-ml.so.1): a
// build machine without a driver still builds, and a machine without NVML times without clock data
// (the report then says the clocks are unknown). Only the handful of stable entry points below are
// declared here.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace podium {

struct ClockState {
  int sm_clock_mhz = 0;
  int max_sm_clock_mhz = 0;
  int temperature_c = 0;
  unsigned long long throttle_reasons = 0;
  bool throttled = false;  // hardware slowdown, thermal or power-brake throttling, or clock < 75% of max
};

// NVML's throttle ("clocks event") reason bits that mean trouble rather than a policy.
constexpr unsigned long long kHwSlowdown = 0x8, kSwThermalSlowdown = 0x20, kHwThermalSlowdown = 0x40,
                             kHwPowerBrakeSlowdown = 0x80;
constexpr unsigned long long kTroubleThrottleReasons = kHwSlowdown | kSwThermalSlowdown | kHwThermalSlowdown | kHwPowerBrakeSlowdown;

// The health signals NVML gives (runner/gpu_health.hpp judges them).
struct HealthReading {
  std::vector<unsigned long long> xids;  // critical Xid errors since the last reading (when watched)
  bool xids_watched = false;             // Xid events could be subscribed to
  std::optional<unsigned long long> uncorrected_ecc;  // volatile count since the driver loaded (ECC on)
  bool remap_pending = false;  // rows await remapping, which takes a GPU reset
  bool remap_failed = false;   // a row could not be remapped
  unsigned long long throttle_reasons = 0;
  int temperature_c = 0;
};

class Nvml {
 public:
  // Opens the device with this PCI bus id ("0000:00:06.0"), or the first device when the id is empty
  // or unknown; available() says whether it worked. With `watch_xids`, critical Xid errors are
  // collected from then on, for read_health().
  explicit Nvml(const std::string& pci_bus_id, bool watch_xids = false);
  ~Nvml();
  Nvml(const Nvml&) = delete;
  Nvml& operator=(const Nvml&) = delete;

  bool available() const { return device_ != nullptr; }
  ClockState read() const;
  HealthReading read_health();

 private:
  void* library_ = nullptr;
  void* device_ = nullptr;
  int max_sm_clock_mhz_ = 0;
  int (*get_clock_)(void*, int, unsigned int*) = nullptr;
  int (*get_temperature_)(void*, int, unsigned int*) = nullptr;
  int (*get_throttle_reasons_)(void*, unsigned long long*) = nullptr;
  int (*shutdown_)() = nullptr;
  int (*get_ecc_)(void*, int, int, unsigned long long*) = nullptr;
  int (*get_remapped_rows_)(void*, unsigned*, unsigned*, unsigned*, unsigned*) = nullptr;
  int (*event_wait_)(void*, void*, unsigned) = nullptr;
  int (*event_free_)(void*) = nullptr;
  void* events_ = nullptr;  // the Xid event set
};

}  // namespace podium
