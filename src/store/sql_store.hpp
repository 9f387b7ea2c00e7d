// The Store, written once over the SQL layer (sql.hpp); the engines only supply connections.
#pragma once

#include <memory>

#include "store/sql.hpp"

namespace podium::sql {

// Migrates the database reached by `connect` and returns the store over it; up to `max_idle`
// connections are kept open between transactions.
std::unique_ptr<Store> open_sql_store(Pool::Connect connect, size_t max_idle);

}  // namespace podium::sql
