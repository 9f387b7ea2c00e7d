// See nvml.hpp. Constants are NVML's documented values (nvml.h): NVML_CLOCK_SM = 1,
// NVML_TEMPERATURE_GPU = 0, NVML_SUCCESS = 0, the throttle ("clocks event")
// reason bits, nvmlEventTypeXidCriticalError = 0x8, NVML_MEMORY_ERROR_TYPE_UNCORRECTED = 1 and
// NVML_VOLATILE_ECC = 0; EventData mirrors nvmlEventData_t.
#include "eval/nvml.hpp"

#include <dlfcn.h>

namespace podium {
namespace {

constexpr int kSuccess = 0;
constexpr int kClockSm = 1;
constexpr int kTemperatureGpu = 0;
constexpr unsigned long long kXidCriticalError = 0x8;
constexpr int kUncorrected = 1, kVolatile = 0;

struct EventData {
  void* device;
  unsigned long long type;
  unsigned long long data;
  unsigned int gpu_instance;
  unsigned int compute_instance;
};

template <typename F>
F symbol(void* library, const char* name) {
  return reinterpret_cast<F>(dlsym(library, name));
}

}  // namespace

Nvml::Nvml(const std::string& pci_bus_id, bool watch_xids) {
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
  get_ecc_ = symbol<int (*)(void*, int, int, unsigned long long*)>(library_, "nvmlDeviceGetTotalEccErrors");
  get_remapped_rows_ = symbol<int (*)(void*, unsigned*, unsigned*, unsigned*, unsigned*)>(library_, "nvmlDeviceGetRemappedRows");
  if (!init || !get_clock_ || !max_clock || init() != kSuccess) return;
  void* device = nullptr;
  if (!(!pci_bus_id.empty() && by_pci && by_pci(pci_bus_id.c_str(), &device) == kSuccess) &&
      !(by_index && by_index(0, &device) == kSuccess))
    return;
  unsigned int mhz = 0;
  if (max_clock(device, kClockSm, &mhz) == kSuccess) max_sm_clock_mhz_ = static_cast<int>(mhz);
  device_ = device;
  if (!watch_xids) return;
  const auto create = symbol<int (*)(void**)>(library_, "nvmlEventSetCreate");
  const auto subscribe = symbol<int (*)(void*, unsigned long long, void*)>(library_, "nvmlDeviceRegisterEvents");
  event_wait_ = symbol<int (*)(void*, void*, unsigned)>(library_, "nvmlEventSetWait_v2");
  event_free_ = symbol<int (*)(void*)>(library_, "nvmlEventSetFree");
  if (!create || !subscribe || !event_wait_ || !event_free_ || create(&events_) != kSuccess) {
    events_ = nullptr;
    return;
  }
  if (subscribe(device_, kXidCriticalError, events_) != kSuccess) {
    event_free_(events_);
    events_ = nullptr;
  }
}

Nvml::~Nvml() {
  if (events_) event_free_(events_);
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
  s.throttled = (s.throttle_reasons & kTroubleThrottleReasons) != 0 ||
                (max_sm_clock_mhz_ > 0 && s.sm_clock_mhz > 0 && s.sm_clock_mhz < max_sm_clock_mhz_ * 3 / 4);
  return s;
}

HealthReading Nvml::read_health() {
  HealthReading h;
  if (!device_) return h;
  if (events_) {
    h.xids_watched = true;
    EventData event{};
    // Every event that came since the last reading, without waiting for more.
    while (event_wait_(events_, &event, 0) == kSuccess)
      if (event.type & kXidCriticalError) h.xids.push_back(event.data);
  }
  unsigned long long count = 0;
  if (get_ecc_ && get_ecc_(device_, kUncorrected, kVolatile, &count) == kSuccess) h.uncorrected_ecc = count;
  unsigned corrected = 0, uncorrected = 0, pending = 0, failed = 0;
  if (get_remapped_rows_ && get_remapped_rows_(device_, &corrected, &uncorrected, &pending, &failed) == kSuccess) {
    h.remap_pending = pending != 0;
    h.remap_failed = failed != 0;
  }
  const ClockState clocks = read();
  h.throttle_reasons = clocks.throttle_reasons;
  h.temperature_c = clocks.temperature_c;
  return h;
}

}  // namespace podium
