// What the evaluation ran on, as reported with every result.
#pragma once

#include <cstdint>
#include <string>

namespace podium {

struct DeviceInfo {
  std::string backend;  // cpu | cuda
  std::string name;
  std::string driver;
  int sm_count = 0;
  uint64_t l2_bytes = 0;
  uint64_t memory_bytes = 0;
  int sm_clock_mhz = 0;
};

}  // namespace podium
