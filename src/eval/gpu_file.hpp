// The measured GPU entries that `podium gpu calibrate` writes and every evaluation reads:
// $PODIUM_CONFIG_DIR/gpus.json, else $XDG_CONFIG_HOME/podium/gpus.json, else ~/.config/podium/gpus.json.
#pragma once

#include <filesystem>
#include <vector>

#include "core/sol.hpp"

namespace podium {

// Where podium's configuration files live: $PODIUM_CONFIG_DIR, else $XDG_CONFIG_HOME/podium, else
// ~/.config/podium.
std::filesystem::path config_dir();
std::filesystem::path measured_gpus_path();
// The entries in the file; none when it does not exist. Throws with the path when it is malformed.
std::vector<GpuEntry> load_measured_gpus();
// Adds or replaces (by name) an entry; written to a temporary file and renamed, so a crash never
// leaves a truncated file.
void save_measured_gpu(const GpuEntry& entry);

}  // namespace podium
