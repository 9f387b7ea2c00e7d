// Rows, the connection pool and locks of the SQL layer. See sql.hpp.
#include "store/sql.hpp"

#include <fmt/format.h>

#include <charconv>

namespace podium::sql {

const Value& Row::cell(const std::string& column) const {
  for (size_t i = 0; i < columns_->size(); ++i)
    if ((*columns_)[i] == column) return cells_[i];
  throw StoreError(StoreError::Kind::engine, fmt::format("store: the query returned no column '{}'", column));
}

bool Row::is_null(const std::string& column) const { return std::holds_alternative<std::monostate>(cell(column)); }

// PostgreSQL's text form of a number; SQLite hands over typed values.
template <class Number>
static Number parse_number(const std::string& text, const std::string& column) {
  Number n{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size())
    throw StoreError(StoreError::Kind::engine,
                     fmt::format("store: column '{}' holds '{}', not a number", column, text));
  return n;
}

int64_t Row::integer(const std::string& column) const {
  const Value& v = cell(column);
  if (const auto* i = std::get_if<int64_t>(&v)) return *i;
  if (const auto* d = std::get_if<double>(&v)) return static_cast<int64_t>(*d);
  if (const auto* s = std::get_if<std::string>(&v)) return parse_number<int64_t>(*s, column);
  throw StoreError(StoreError::Kind::engine,
                   fmt::format("store: column '{}' is NULL where a number was expected", column));
}

double Row::real(const std::string& column) const {
  const Value& v = cell(column);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* i = std::get_if<int64_t>(&v)) return static_cast<double>(*i);
  if (const auto* s = std::get_if<std::string>(&v)) return parse_number<double>(*s, column);
  throw StoreError(StoreError::Kind::engine,
                   fmt::format("store: column '{}' is NULL where a number was expected", column));
}

std::string Row::text(const std::string& column) const {
  const Value& v = cell(column);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) return fmt::format("{}", *d);
  return "";
}

std::optional<int64_t> Row::optional_integer(const std::string& column) const {
  if (is_null(column)) return std::nullopt;
  return integer(column);
}

std::optional<double> Row::optional_real(const std::string& column) const {
  if (is_null(column)) return std::nullopt;
  return real(column);
}

void Connection::lock(Lock key) {
  const std::string& statement = dialect().lock_statement;
  if (!statement.empty()) query(statement, {static_cast<int64_t>(key)});
}

Pool::Lease Pool::acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(conn));
    }
  }
  return Lease(*this, connect_());
}

void Pool::give_back(std::unique_ptr<Connection> conn) {
  if (!conn || !conn->usable()) return;
  std::lock_guard lock(mutex_);
  if (idle_.size() < max_idle_) idle_.push_back(std::move(conn));
}

}  // namespace podium::sql
