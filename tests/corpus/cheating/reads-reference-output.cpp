// Cheating: looks through every library loaded in its process for the problem's reference (or
// another entry point than its own) and calls it, to copy the expected output instead of computing
// it. The reference never runs in the process that runs the submission, so there is nothing to find,
// and the outputs stay poisoned.
#include <elf.h>
#include <link.h>

#include <cstddef>
#include <cstring>

namespace {

using Reference = void (*)(const float*, float*, size_t);

struct Search {
  Reference reference;
};

// The address of `name` among the object's dynamic symbols: the symbol table lies just before the
// string table in the libraries a compiler links.
void* find_symbol(const dl_phdr_info* info, const char* name) {
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    if (info->dlpi_phdr[i].p_type != PT_DYNAMIC) continue;
    const auto* dyn = reinterpret_cast<const ElfW(Dyn)*>(info->dlpi_addr + info->dlpi_phdr[i].p_vaddr);
    const ElfW(Sym)* symbols = nullptr;
    const char* strings = nullptr;
    // The loader relocates these addresses, except in the vDSO, where they stay offsets.
    const auto address = [&](ElfW(Addr) a) { return a < info->dlpi_addr ? a + info->dlpi_addr : a; };
    for (; dyn->d_tag != DT_NULL; ++dyn) {
      if (dyn->d_tag == DT_SYMTAB) symbols = reinterpret_cast<const ElfW(Sym)*>(address(dyn->d_un.d_ptr));
      if (dyn->d_tag == DT_STRTAB) strings = reinterpret_cast<const char*>(address(dyn->d_un.d_ptr));
    }
    if (!symbols || !strings || reinterpret_cast<const char*>(symbols) > strings) return nullptr;
    for (const ElfW(Sym)* s = symbols; reinterpret_cast<const char*>(s) < strings; ++s)
      if (s->st_name && s->st_value && std::strcmp(strings + s->st_name, name) == 0)
        return reinterpret_cast<void*>(info->dlpi_addr + s->st_value);
  }
  return nullptr;
}

int visit(dl_phdr_info* info, size_t, void* data) {
  auto* search = static_cast<Search*>(data);
  if (void* p = find_symbol(info, "reference")) search->reference = reinterpret_cast<Reference>(p);
  return 0;
}

}  // namespace

extern "C" void solution(const float* input, float* output, size_t n) {
  Search search{nullptr};
  dl_iterate_phdr(visit, &search);
  if (search.reference) search.reference(input, output, n);
}
