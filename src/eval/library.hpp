// A compiled submission loaded into the process: dlopen, and the lookup of the generated entry point.
#pragma once

#include <string>

#include "eval/backend.hpp"

namespace podium {

class Library {
 public:
  // Throws std::runtime_error naming the file and the loader's reason.
  explicit Library(const std::string& path);
  ~Library();
  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;

  // The address of `symbol`; throws when it is missing.
  void* symbol(const char* name) const;
  EntryPoint entry() const { return reinterpret_cast<EntryPoint>(symbol("podium_entry")); }

 private:
  std::string path_;
  void* handle_ = nullptr;
};

}  // namespace podium
