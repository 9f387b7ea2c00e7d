// The SQLite engine: the embedded default, one database file shared safely by the threads of one
// process and by several processes (the server and `podium admin` commands).
#pragma once

#include <memory>
#include <string>

#include "store/store.hpp"

namespace podium {

// Opens (creating when needed) and migrates the database file at `path`.
std::unique_ptr<Store> open_sqlite_store(const std::string& path);

}  // namespace podium
