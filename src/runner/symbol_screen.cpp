// The symbol screen. See symbol_screen.hpp; docs/sandbox.md lists the symbols.
#include "runner/symbol_screen.hpp"

#include <elf.h>

#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string_view>

namespace podium {
namespace {

struct Rule {
  std::string_view symbol;
  std::string_view why;
};

// Imported (undefined in the library): calls no submission needs, each with what it would reach.
constexpr Rule kImports[] = {
    {"fork", "a new process"},          {"vfork", "a new process"},          {"clone", "a new process"},
    {"clone3", "a new process"},        {"execve", "another program"},       {"execv", "another program"},
    {"execvp", "another program"},      {"execvpe", "another program"},      {"execl", "another program"},
    {"execlp", "another program"},      {"execle", "another program"},       {"execveat", "another program"},
    {"fexecve", "another program"},     {"system", "another program"},       {"popen", "another program"},
    {"posix_spawn", "another program"}, {"posix_spawnp", "another program"}, {"daemon", "a new process"},
    {"socket", "the network"},          {"socketpair", "sockets"},           {"connect", "the network"},
    {"bind", "the network"},            {"listen", "the network"},           {"accept", "the network"},
    {"accept4", "the network"},         {"getaddrinfo", "the network"},      {"gethostbyname", "the network"},
    {"ptrace", "another process"},      {"process_vm_readv", "another process's memory"},
    {"process_vm_writev", "another process's memory"},                       {"kill", "signals to other processes"},
    {"dlopen", "the dynamic loader"},   {"dlmopen", "the dynamic loader"},   {"dlsym", "the dynamic loader"},
    {"dlvsym", "the dynamic loader"},   {"_dl_sym", "the dynamic loader"},   {"__libc_dlopen_mode", "the dynamic loader"},
    {"unshare", "namespaces"},          {"setns", "namespaces"},             {"mount", "mounts"},
    {"umount", "mounts"},               {"umount2", "mounts"},               {"chroot", "mounts"},
    {"pivot_root", "mounts"},           {"syscall", "arbitrary system calls"},
    {"personality", "the process's execution domain"},
    {"prctl", "the process's security settings"},
    {"cudaIpcOpenMemHandle", "another process's GPU memory"},
    {"cudaIpcGetMemHandle", "sharing GPU memory with another process"},
    {"cuIpcOpenMemHandle", "another process's GPU memory"},
};

// Defined (exported by the library): the clocks and CUDA calls the harness times and synchronizes
// with, and Podium's own names.
constexpr std::string_view kDefinitions[] = {
    "clock_gettime", "clock_getres", "gettimeofday", "time", "clock", "timespec_get", "ftime",
    "_ZNSt6chrono3_V212steady_clock3nowEv", "_ZNSt6chrono3_V212system_clock3nowEv",
    "_ZNSt6chrono12steady_clock3nowEv", "_ZNSt6chrono12system_clock3nowEv",
    "cudaEventCreate", "cudaEventCreateWithFlags", "cudaEventRecord", "cudaEventRecordWithFlags",
    "cudaEventSynchronize", "cudaEventQuery", "cudaEventElapsedTime", "cudaEventDestroy",
    "cudaDeviceSynchronize", "cudaStreamSynchronize", "cudaStreamQuery", "cudaGetLastError", "cudaPeekAtLastError",
    "cudaLaunchKernel", "cudaLaunchKernelExC", "cudaMemcpy", "cudaMemcpyAsync", "cudaMemset", "cudaMemsetAsync",
    "cudaMalloc", "cudaFree", "cudaDeviceSetLimit", "cudaCtxResetPersistingL2Cache", "cudaGetDriverEntryPoint",
    "cudaGetDriverEntryPointByVersion", "cuEventRecord", "cuEventElapsedTime", "cuEventSynchronize", "cuCtxSynchronize",
    "cuStreamSynchronize", "cuLaunchKernel", "cuGetProcAddress", "cuGetProcAddress_v2", "nvmlDeviceGetClockInfo",
    "nvmlDeviceGetCurrentClocksThrottleReasons", "nvmlDeviceGetCurrentClocksEventReasons", "nvmlDeviceGetTemperature",
    "cuptiActivityEnable", "cuptiActivityFlushAll", "dlsym", "dlopen", "dl_iterate_phdr", "__libc_start_main",
};

template <class T>
T read_at(const std::string& image, uint64_t offset, const std::string& what) {
  if (offset > image.size() || image.size() - offset < sizeof(T)) throw std::runtime_error(fmt::format("truncated {}", what));
  T value;
  std::memcpy(&value, image.data() + offset, sizeof(T));
  return value;
}

}  // namespace

std::optional<std::string> screen_library(const std::filesystem::path& library) {
  std::string image;
  {
    std::ifstream in(library, std::ios::binary);
    if (!in) throw std::runtime_error(fmt::format("cannot read {}", library.string()));
    std::ostringstream s;
    s << in.rdbuf();
    image = s.str();
  }
  const auto where = [&](const std::string& what) { return fmt::format("{}: {}", library.string(), what); };
  const auto header = read_at<Elf64_Ehdr>(image, 0, where("ELF header"));
  if (std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0 || header.e_ident[EI_CLASS] != ELFCLASS64 ||
      header.e_ident[EI_DATA] != ELFDATA2LSB || header.e_shentsize != sizeof(Elf64_Shdr))
    throw std::runtime_error(where("not a 64-bit little-endian ELF shared object"));

  for (uint16_t i = 0; i < header.e_shnum; ++i) {
    const auto section = read_at<Elf64_Shdr>(image, header.e_shoff + uint64_t{i} * sizeof(Elf64_Shdr), where("section header"));
    if (section.sh_type != SHT_DYNSYM) continue;
    const auto strings = read_at<Elf64_Shdr>(image, header.e_shoff + uint64_t{section.sh_link} * sizeof(Elf64_Shdr),
                                             where("string table header"));
    if (strings.sh_offset > image.size() || image.size() - strings.sh_offset < strings.sh_size)
      throw std::runtime_error(where("truncated string table"));
    const std::string_view names(image.data() + strings.sh_offset, strings.sh_size);
    const uint64_t count = section.sh_entsize ? section.sh_size / section.sh_entsize : 0;
    for (uint64_t k = 1; k < count; ++k) {
      const auto sym = read_at<Elf64_Sym>(image, section.sh_offset + k * sizeof(Elf64_Sym), where("symbol"));
      if (ELF64_ST_BIND(sym.st_info) == STB_LOCAL || sym.st_name >= names.size()) continue;
      const std::string_view name = names.substr(sym.st_name, names.find('\0', sym.st_name) - sym.st_name);
      if (sym.st_shndx == SHN_UNDEF) {
        for (const auto& rule : kImports)
          if (name == rule.symbol)
            return fmt::format("the solution calls {}, which reaches {}; submissions may not use it (remove the call)", name,
                               rule.why);
      } else {
        for (const auto& reserved : kDefinitions)
          if (name == reserved)
            return fmt::format("the solution defines {}, a function Podium's harness relies on for timing or "
                               "synchronization; rename it or declare it static",
                               name);
        if (name.rfind("_ZN6podium", 0) == 0)
          return fmt::format("the solution defines {}, a name in Podium's own namespace; rename it", name);
      }
    }
  }
  return std::nullopt;
}

}  // namespace podium
