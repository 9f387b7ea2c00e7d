// The SQLite driver of the SQL layer (sql.hpp), over SQLite's C API.
//
// Each pooled connection is used by one thread at a time. The database runs in WAL mode, so readers
// never wait for the writer; write transactions start with BEGIN IMMEDIATE, so two writers (threads
// or processes) queue at the start rather than fail midway when one would upgrade a read lock; a
// writer waits up to busy_timeout for its turn. synchronous=NORMAL is SQLite's setting for WAL: a
// killed process loses nothing committed; a power failure may lose the last commits.
#include "store/sqlite/sqlite_store.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <unordered_map>

#include "store/sql_store.hpp"

namespace podium {

namespace {

using sql::Value;

constexpr int kBusyTimeoutMs = 10000;

const sql::Dialect kDialect{"sqlite", "INTEGER PRIMARY KEY", "BEGIN", "BEGIN IMMEDIATE", ""};

class SqliteConnection final : public sql::Connection {
 public:
  explicit SqliteConnection(const std::string& path) : path_(path) {
    const int rc =
        sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      const std::string reason = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close_v2(db_);
      throw StoreError(StoreError::Kind::engine, fmt::format("cannot open the SQLite database {}: {}", path, reason));
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    try {
      run_script("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
    } catch (...) {
      sqlite3_close_v2(db_);
      throw;
    }
  }

  ~SqliteConnection() override {
    for (auto& [text, statement] : statements_) sqlite3_finalize(statement.handle);
    sqlite3_close_v2(db_);
  }

  const sql::Dialect& dialect() const override { return kDialect; }

  void run_script(const std::string& text) override {
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
      const std::string reason = message ? message : sqlite3_errstr(rc);
      sqlite3_free(message);
      throw error(rc, reason, text);
    }
  }

  sql::Result query(const std::string& text, const std::vector<Value>& params) override {
    Statement& statement = prepared(text);
    sqlite3_stmt* s = statement.handle;
    // Leaves the statement ready for its next use however this call ends.
    struct Reset {
      sqlite3_stmt* s;
      ~Reset() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
      }
    } reset{s};
    bind(s, params, text);
    sql::Result result;
    for (;;) {
      const int rc = sqlite3_step(s);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) throw error(rc, sqlite3_errmsg(db_), text);
      std::vector<Value> cells;
      const int n = sqlite3_column_count(s);
      cells.reserve(n);
      for (int i = 0; i < n; ++i) cells.push_back(cell(s, i));
      result.rows.emplace_back(statement.columns, std::move(cells));
    }
    result.changed = sqlite3_changes64(db_);
    return result;
  }

 protected:
  bool alive() const override { return db_ != nullptr; }

 private:
  struct Statement {
    sqlite3_stmt* handle = nullptr;
    std::shared_ptr<const std::vector<std::string>> columns;
  };

  // The store's statements are a fixed set of texts; each connection prepares each once.
  Statement& prepared(const std::string& text) {
    if (auto found = statements_.find(text); found != statements_.end()) return found->second;
    sqlite3_stmt* handle = nullptr;
    const int rc = sqlite3_prepare_v3(db_, text.c_str(), static_cast<int>(text.size()), SQLITE_PREPARE_PERSISTENT,
                                      &handle, nullptr);
    if (rc != SQLITE_OK) throw error(rc, sqlite3_errmsg(db_), text);
    auto columns = std::make_shared<std::vector<std::string>>();
    for (int i = 0; i < sqlite3_column_count(handle); ++i) columns->push_back(sqlite3_column_name(handle, i));
    return statements_.emplace(text, Statement{handle, std::move(columns)}).first->second;
  }

  void bind(sqlite3_stmt* s, const std::vector<Value>& params, const std::string& text) {
    if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(s))
      throw StoreError(StoreError::Kind::engine, fmt::format("store: {} parameters given for {}", params.size(), text));
    for (size_t i = 0; i < params.size(); ++i) {
      const int at = static_cast<int>(i) + 1;
      const Value& v = params[i];
      int rc = SQLITE_OK;
      if (const auto* n = std::get_if<int64_t>(&v))
        rc = sqlite3_bind_int64(s, at, *n);
      else if (const auto* d = std::get_if<double>(&v))
        rc = sqlite3_bind_double(s, at, *d);
      else if (const auto* t = std::get_if<std::string>(&v))
        rc = sqlite3_bind_text64(s, at, t->data(), t->size(), SQLITE_STATIC, SQLITE_UTF8);
      else
        rc = sqlite3_bind_null(s, at);
      if (rc != SQLITE_OK) throw error(rc, sqlite3_errmsg(db_), text);
    }
  }

  static Value cell(sqlite3_stmt* s, int i) {
    switch (sqlite3_column_type(s, i)) {
      case SQLITE_INTEGER: return int64_t{sqlite3_column_int64(s, i)};
      case SQLITE_FLOAT: return sqlite3_column_double(s, i);
      case SQLITE_NULL: return Value();
      default: {
        const auto* bytes = static_cast<const char*>(sqlite3_column_blob(s, i));
        return std::string(bytes ? bytes : "", sqlite3_column_bytes(s, i));
      }
    }
  }

  StoreError error(int rc, const std::string& reason, const std::string& text) const {
    auto kind = StoreError::Kind::engine;
    if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) kind = StoreError::Kind::conflict;
    if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) kind = StoreError::Kind::invalid;
    return StoreError(kind, fmt::format("sqlite ({}): {} (in: {})", path_, reason, text));
  }

  std::string path_;
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, Statement> statements_;
};

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::string& path) {
  if (path.empty()) throw StoreError(StoreError::Kind::invalid, "no SQLite database file given");
  return sql::open_sql_store([path] { return std::make_unique<SqliteConnection>(path); }, 8);
}

}  // namespace podium
