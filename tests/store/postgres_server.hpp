// A real PostgreSQL server for tests and benchmarks: initdb into a directory, then the server listening
// only on a unix socket in that directory (no TCP), with fsync off (its data is thrown away). Each user
// of it gets a fresh schema, so that many tests share one server without seeing each other's tables.
//
// PostgreSQL refuses to run as root: under root the programs run as the `postgres` user (created by
// Debian's postgresql package) through runuser, and the directory is handed to that user.
#pragma once

#include <string>

namespace podium::testing {

class PostgresServer {
 public:
  // Creates `dir` (emptying a leftover one, stopping a server still running there) and starts the
  // server. Throws std::runtime_error with what went wrong, e.g. that PostgreSQL is not installed.
  static PostgresServer start(const std::string& dir);
  // A server that another process started in `dir` (see start); throws when there is none.
  static PostgresServer attach(const std::string& dir);
  // Stops the server in `dir`, if any, and removes the directory.
  static void stop(const std::string& dir);

  const std::string& dir() const { return dir_; }
  // A connection URI for a new, empty schema of this server (libpq URI, usable by open_store).
  std::string fresh_schema_uri() const;

 private:
  explicit PostgresServer(std::string dir) : dir_(std::move(dir)) {}
  std::string dir_;
};

}  // namespace podium::testing
