// The GPU's clock, temperature and throttle state, read through NVML.
//
// NVML ships with the driver, not the toolkit, so it is loaded at run time (libnvidia-ml.so.1): a
// build machine without a driver still builds, and a machine without NVML times without clock data
// (the report then says the clocks are unknown). Only the handful of stable entry points below are
// declared here.
#pragma once

#include <string>

namespace podium {

struct ClockState {
  int sm_clock_mhz = 0;
  int max_sm_clock_mhz = 0;
  int temperature_c = 0;
  unsigned long long throttle_reasons = 0;
  bool throttled = false;  // hardware slowdown, thermal or power-brake throttling, or clock < 75% of max
};

class Nvml {
 public:
  // Opens the device with this PCI bus id ("0000:00:06.0"); available() says whether it worked.
  explicit Nvml(const std::string& pci_bus_id);
  ~Nvml();
  Nvml(const Nvml&) = delete;
  Nvml& operator=(const Nvml&) = delete;

  bool available() const { return device_ != nullptr; }
  ClockState read() const;

 private:
  void* library_ = nullptr;
  void* device_ = nullptr;
  int max_sm_clock_mhz_ = 0;
  int (*get_clock_)(void*, int, unsigned int*) = nullptr;
  int (*get_temperature_)(void*, int, unsigned int*) = nullptr;
  int (*get_throttle_reasons_)(void*, unsigned long long*) = nullptr;
  int (*shutdown_)() = nullptr;
};

}  // namespace podium
