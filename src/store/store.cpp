// Names of the store's enumerations, and open_store: the one place that picks an engine from a
// location. See store.hpp.
#include "store/store.hpp"

#include <fmt/format.h>

#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace podium {

namespace {
constexpr UserRole kRoles[] = {UserRole::competitor, UserRole::organizer, UserRole::admin, UserRole::worker};
}

std::string_view role_name(UserRole r) {
  switch (r) {
    case UserRole::competitor: return "competitor";
    case UserRole::organizer: return "organizer";
    case UserRole::admin: return "admin";
    case UserRole::worker: return "worker";
  }
  return "unknown";
}

std::optional<UserRole> parse_role(std::string_view s) {
  for (UserRole r : kRoles)
    if (role_name(r) == s) return r;
  return std::nullopt;
}

std::string_view job_state_name(JobState s) {
  switch (s) {
    case JobState::queued: return "queued";
    case JobState::leased: return "leased";
    case JobState::done: return "done";
    case JobState::failed: return "failed";
  }
  return "unknown";
}

std::unique_ptr<Store> open_store(const std::string& location) {
  if (location.starts_with("postgresql://") || location.starts_with("postgres://"))
    return open_postgres_store(location);
  if (location.starts_with("sqlite:")) return open_sqlite_store(location.substr(7));
  if (location.find("://") != std::string::npos)
    throw StoreError(
        StoreError::Kind::invalid,
        fmt::format("unknown database location '{}': use a file path, sqlite:PATH or postgresql://...", location));
  return open_sqlite_store(location);
}

}  // namespace podium
