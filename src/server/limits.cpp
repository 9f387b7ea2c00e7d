// See source.hpp.
#include "server/limits.hpp"

#include <fmt/format.h>

namespace podium {

size_t invalid_utf8_at(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    if (b0 < 0x80) {
      ++i;
      continue;
    }
    // Sequence length and the allowed range of the second byte (RFC 3629's table), which excludes
    // overlong forms, UTF-16 surrogates and code points beyond U+10FFFF.
    size_t length = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      length = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      length = 3;
      if (b0 == 0xE0) lo = 0xA0;
      if (b0 == 0xED) hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      length = 4;
      if (b0 == 0xF0) lo = 0x90;
      if (b0 == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (i + length > text.size()) return i;
    const auto b1 = static_cast<unsigned char>(text[i + 1]);
    if (b1 < lo || b1 > hi) return i;
    for (size_t k = 2; k < length; ++k)
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return i;
    i += length;
  }
  return std::string_view::npos;
}

std::string mark_invalid_utf8(std::string_view text) {
  std::string out;
  size_t start = 0;
  for (;;) {
    const size_t bad = invalid_utf8_at(text.substr(start));
    if (bad == std::string_view::npos) break;
    out.append(text.substr(start, bad));
    out.append(kInvalidByteMark);
    start += bad + 1;
  }
  out.append(text.substr(start));
  return out;
}

std::string default_file_name(std::string_view backend) { return backend == "cpu" ? "solution.cpp" : "solution.cu"; }

std::string file_name_problem(std::string_view name, std::string_view backend) {
  if (name.empty() || name.size() > 100) return "a file name has 1 to 100 characters";
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
                       (i > 0 && (c == '.' || c == '-'));
    if (!plain) return "a file name has only letters, digits, '_', '.' and '-', and starts with a letter, digit or '_'";
  }
  const auto ends_with = [&](std::string_view suffix) { return name.size() > suffix.size() && name.ends_with(suffix); };
  const bool cpp = ends_with(".cpp") || ends_with(".cc");
  if (backend == "cpu" && !cpp) return "a CPU problem's solution is a .cpp or .cc file";
  // nvcc compiles any of these as CUDA (the compiler passes -x cu).
  if (backend != "cpu" && !cpp && !ends_with(".cu")) return "a CUDA problem's solution is a .cu (or .cpp) file";
  return "";
}

std::string plain_name_problem(std::string_view name, std::string_view what) {
  if (name.empty() || name.size() > 64) return fmt::format("{} has 1 to 64 characters", what);
  for (char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    if (!ok) return fmt::format("{} has only letters, digits, '_', '.' and '-'", what);
  }
  return "";
}

}  // namespace podium
