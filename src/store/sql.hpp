// The small SQL layer under the store: values, rows, one Connection interface with two drivers
// (sqlite/, postgres/), and a pool of connections. Every Store method is written once, in
// sql_store.cpp, against this interface; what differs between the engines is said here, in Dialect.
//
// SQL text uses `?` for parameters in both engines (the PostgreSQL driver numbers them); values are
// always bound, never spliced into the text.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "store/store.hpp"

namespace podium::sql {

// A parameter or a cell. PostgreSQL's driver returns every cell as text; Row's readers convert.
using Value = std::variant<std::monostate, int64_t, double, std::string>;

inline Value nullable(const std::optional<int64_t>& v) { return v ? Value(*v) : Value(); }
inline Value nullable(const std::optional<double>& v) { return v ? Value(*v) : Value(); }

class Row {
 public:
  Row(std::shared_ptr<const std::vector<std::string>> columns, std::vector<Value> cells)
      : columns_(std::move(columns)), cells_(std::move(cells)) {}

  bool is_null(const std::string& column) const;
  int64_t integer(const std::string& column) const;
  double real(const std::string& column) const;
  std::string text(const std::string& column) const;  // "" for NULL
  std::optional<int64_t> optional_integer(const std::string& column) const;
  std::optional<double> optional_real(const std::string& column) const;

 private:
  const Value& cell(const std::string& column) const;
  std::shared_ptr<const std::vector<std::string>> columns_;
  std::vector<Value> cells_;
};

struct Result {
  std::vector<Row> rows;
  int64_t changed = 0;  // rows inserted, updated or deleted
};

// What the engines spell differently. Everything else (the schema, every query) is shared text.
struct Dialect {
  std::string name;             // "sqlite" | "postgresql"
  std::string identity_column;  // an auto-numbered BIGINT primary key
  std::string begin_read;
  std::string begin_write;  // SQLite: BEGIN IMMEDIATE, so that writers queue at the start
  // Statement taking one parameter, a Lock key, that serializes the transactions taking the same key
  // until they end; empty where begin_write already serializes every writer (SQLite).
  std::string lock_statement;
};

// Keys for Connection::lock: decisions that must see one another's effects across processes.
enum class Lock : int64_t { migrations = 0x706f6469756d01, queue = 0x706f6469756d02, standings = 0x706f6469756d03 };

class Connection {
 public:
  virtual ~Connection() = default;
  virtual const Dialect& dialect() const = 0;
  // Several statements, no parameters: migrations.
  virtual void run_script(const std::string& sql) = 0;
  virtual Result query(const std::string& sql, const std::vector<Value>& params) = 0;

  // Takes `key` for the rest of the transaction (see Dialect::lock_statement).
  void lock(Lock key);
  // False once the connection is broken (the engine says so, or a rollback failed and it may still
  // be inside a transaction); the pool then drops it instead of reusing it.
  bool usable() const { return !broken_ && alive(); }
  void mark_broken() { broken_ = true; }

 protected:
  virtual bool alive() const = 0;

 private:
  bool broken_ = false;
};

// Connections made on demand and reused; each thread holds one for the length of a transaction.
class Pool {
 public:
  using Connect = std::function<std::unique_ptr<Connection>()>;
  Pool(Connect connect, size_t max_idle) : connect_(std::move(connect)), max_idle_(max_idle) {}

  class Lease {
   public:
    Lease(Pool& pool, std::unique_ptr<Connection> conn) : pool_(pool), conn_(std::move(conn)) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { pool_.give_back(std::move(conn_)); }
    Connection& operator*() { return *conn_; }
    Connection* operator->() { return conn_.get(); }

   private:
    Pool& pool_;
    std::unique_ptr<Connection> conn_;
  };

  Lease acquire();

 private:
  void give_back(std::unique_ptr<Connection> conn);
  Connect connect_;
  size_t max_idle_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

enum class Access { read, write };

// Runs `body(connection)` as one transaction: committed when it returns, rolled back when it throws.
template <class Body>
auto transaction(Pool& pool, Access access, Body&& body) {
  auto conn = pool.acquire();
  const Dialect& d = conn->dialect();
  conn->run_script(access == Access::write ? d.begin_write : d.begin_read);
  try {
    if constexpr (std::is_void_v<decltype(body(*conn))>) {
      body(*conn);
      conn->run_script("COMMIT");
    } else {
      auto result = body(*conn);
      conn->run_script("COMMIT");
      return result;
    }
  } catch (...) {
    if (conn->usable()) {
      try {
        conn->run_script("ROLLBACK");
      } catch (const StoreError&) {
        // The first error is the one worth reporting; this connection is not to be used again.
        conn->mark_broken();
      }
    }
    throw;
  }
}

}  // namespace podium::sql
