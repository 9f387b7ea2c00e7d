// The screen a compiled submission passes before it runs: its dynamic symbol table (read with the
// ELF definitions of <elf.h>) must not import what a kernel has no use for (new processes, the
// network, the dynamic loader, other processes' memory) nor define what Podium's timer and
// synchronization use (clocks, CUDA events, device synchronization), which would interpose them.
// The sandbox stops the same things at run time; the screen names them at once, before anything runs.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace podium {

// Why the library is refused ("the solution imports fork, ..."), or nullopt when it passes.
// Throws std::runtime_error when the file is not a readable 64-bit ELF shared object.
std::optional<std::string> screen_library(const std::filesystem::path& library);

}  // namespace podium
