// The PostgreSQL engine: one database behind any number of `podium serve` processes.
#pragma once

#include <memory>
#include <string>

#include "store/store.hpp"

namespace podium {

// Connects with a libpq connection string or URI ("postgresql://user@host/db") and migrates.
std::unique_ptr<Store> open_postgres_store(const std::string& conninfo);

}  // namespace podium
