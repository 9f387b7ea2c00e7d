// See nvml.hpp. Constants are NVML's documented values (nvml.h): NVML_CLOCK_SM = 1,
// NVML_TEMPERATURE_GPU = 0, NVML_SUCCESS = 0, and the throttle ("clocks event") reason bits.
#include "eval/cuda/nvml.hpp"

#include <dlfcn.h>

namespace podium {
namespace {

constexpr int kSuccess = 0;
constexpr int kClockSm = 1;
constexpr int kTemperatureGpu = 0;
constexpr unsigned long long kHwSlowdown = 0x8, kSwThermalSlowdown = 0x20, kHwThermalSlowdown = 0x40,
                             kHwPowerBrakeSlowdown = 0x80;

template <typename F>
F symbol(void* library, const char* name) {
  return reinterpret_cast<F>(dlsym(library, name));
}

}  // namespace

Nvml::Nvml(const std::string& pci_bus_id) {
  library_ = dlopen("libnvidia-ml.so.1", RTLD_NOW | RTLD_LOCAL);
  if (!library_) return;
  const auto init = symbol<int (*)()>(library_, "nvmlInit_v2");
  const auto by_pci = symbol<int (*)(const char*, void**)>(library_, "nvmlDeviceGetHandleByPciBusId_v2");
  const auto by_index = symbol<int (*)(unsigned, void**)>(library_, "nvmlDeviceGetHandleByIndex_v2");
  const auto max_clock = symbol<int (*)(void*, int, unsigned int*)>(library_, "nvmlDeviceGetMaxClockInfo");
  get_clock_ = symbol<int (*)(void*, int, unsigned int*)>(library_, "nvmlDeviceGetClockInfo");
  get_temperature_ = symbol<int (*)(void*, int, unsigned int*)>(library_, "nvmlDeviceGetTemperature");
  get_throttle_reasons_ = symbol<int (*)(void*, unsigned long long*)>(library_, "nvmlDeviceGetCurrentClocksEventReasons");
  if (!get_throttle_reasons_)
    get_throttle_reasons_ = symbol<int (*)(void*, unsigned long long*)>(library_, "nvmlDeviceGetCurrentClocksThrottleReasons");
  shutdown_ = symbol<int (*)()>(library_, "nvmlShutdown");
  if (!init || !get_clock_ || !max_clock || init() != kSuccess) return;
  void* device = nullptr;
  if (!(by_pci && by_pci(pci_bus_id.c_str(), &device) == kSuccess) && !(by_index && by_index(0, &device) == kSuccess))
    return;
  unsigned int mhz = 0;
  if (max_clock(device, kClockSm, &mhz) == kSuccess) max_sm_clock_mhz_ = static_cast<int>(mhz);
  device_ = device;
}

Nvml::~Nvml() {
  if (device_ && shutdown_) shutdown_();
  if (library_) dlclose(library_);
}

ClockState Nvml::read() const {
  ClockState s;
  if (!device_) return s;
  unsigned int value = 0;
  if (get_clock_(device_, kClockSm, &value) == kSuccess) s.sm_clock_mhz = static_cast<int>(value);
  if (get_temperature_ && get_temperature_(device_, kTemperatureGpu, &value) == kSuccess) s.temperature_c = static_cast<int>(value);
  if (get_throttle_reasons_) get_throttle_reasons_(device_, &s.throttle_reasons);
  s.max_sm_clock_mhz = max_sm_clock_mhz_;
  s.throttled = (s.throttle_reasons & (kHwSlowdown | kSwThermalSlowdown | kHwThermalSlowdown | kHwPowerBrakeSlowdown)) != 0 ||
                (max_sm_clock_mhz_ > 0 && s.sm_clock_mhz > 0 && s.sm_clock_mhz < max_sm_clock_mhz_ * 3 / 4);
  return s;
}

}  // namespace podium
