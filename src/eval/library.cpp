// Loading compiled submissions. RTLD_LOCAL keeps the submission's and the reference's symbols apart,
// so both can define helpers of the same name.
#include "eval/library.hpp"

#include <dlfcn.h>

#include <stdexcept>

namespace podium {

Library::Library(const std::string& path) : path_(path) {
  handle_ = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle_) throw std::runtime_error("cannot load " + path + ": " + dlerror());
}

Library::~Library() {
  if (handle_) dlclose(handle_);
}

void* Library::symbol(const char* name) const {
  dlerror();
  void* p = dlsym(handle_, name);
  if (!p) throw std::runtime_error(std::string("'") + name + "' not found in " + path_);
  return p;
}

}  // namespace podium
