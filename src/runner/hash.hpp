// SHA-256 for content addressing (the compile cache keys).
#pragma once

#include <string>
#include <string_view>

namespace podium {

// Lowercase hex digest.
std::string sha256_hex(std::string_view data);

}  // namespace podium
