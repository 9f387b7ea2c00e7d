// What the server accepts from people, in one place: a submitted source is at most 256 KiB of UTF-8
// text under a plain file name whose extension fits the problem's backend (the worker writes it under
// that name and compiles it); names people choose (users, competitions) are plain too. Problem files,
// which travel as JSON text, are held to the same UTF-8 rule.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace podium {

inline constexpr size_t kMaxSourceBytes = 256 * 1024;
inline constexpr size_t kMaxNoteBytes = 1000;

// The offset of the first byte that is not part of well-formed UTF-8 (overlong forms, surrogates and
// code points above U+10FFFF included), or npos.
size_t invalid_utf8_at(std::string_view text);
// `text` with every byte that is not well-formed UTF-8 replaced by kInvalidByteMark (U+FDD0, a
// noncharacter no source uses), so that a JSON body with such bytes still parses and the first mark's
// position in a field is the offset of the field's first bad byte.
inline constexpr std::string_view kInvalidByteMark = "\xEF\xB7\x90";
std::string mark_invalid_utf8(std::string_view text);

// "solution.cu" for CUDA problems, "solution.cpp" for CPU problems.
std::string default_file_name(std::string_view backend);
// Why a file name is not acceptable for the backend ("" when it is): [A-Za-z0-9_][A-Za-z0-9_.-]{0,99},
// ending in .cpp or .cc, or for CUDA problems also .cu.
std::string file_name_problem(std::string_view name, std::string_view backend);
// Why a user name or competition slug is not acceptable ("" when it is): [A-Za-z0-9_.-]{1,64}.
// `what` names it in the message ("a user name").
std::string plain_name_problem(std::string_view name, std::string_view what);

}  // namespace podium
