// A throwaway PostgreSQL server. See postgres_server.hpp.
#include "tests/store/postgres_server.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include "runner/process.hpp"

namespace podium::testing {

namespace fs = std::filesystem;

namespace {

// PODIUM_POSTGRES_BIN, else the newest /usr/lib/postgresql/<version>/bin (Debian's layout).
std::string bin_dir() {
  std::string best;
  if (const char* env = std::getenv("PODIUM_POSTGRES_BIN")) {
    best = env;
  } else {
    int best_version = -1;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
      const int version = std::atoi(entry.path().filename().c_str());
      if (version > best_version && fs::exists(entry.path() / "bin" / "initdb")) {
        best_version = version;
        best = (entry.path() / "bin").string();
      }
    }
  }
  if (best.empty() || !fs::exists(fs::path(best) / "initdb") || !fs::exists(fs::path(best) / "pg_ctl"))
    throw std::runtime_error(fmt::format(
        "PostgreSQL's server programs (initdb, pg_ctl) are not installed (looked in {}). Install the postgresql "
        "package (scripts/setup.sh does) or set PODIUM_POSTGRES_BIN to their directory",
        best.empty() ? "/usr/lib/postgresql/<version>/bin" : best));
  return best;
}

// PostgreSQL will not run as root; root runs it as the postgres user.
std::vector<std::string> as_server_user(std::vector<std::string> argv) {
  if (getuid() != 0) return argv;
  argv.insert(argv.begin(), {"runuser", "-u", "postgres", "--"});
  return argv;
}

void run(const std::vector<std::string>& argv, const std::string& what) {
  const ProcessResult r = run_process(argv, "/", 120);
  if (r.exit_code == 0) return;
  std::string how = r.timed_out ? "timed out"
                    : r.signal  ? describe_signal(r.signal)
                                : fmt::format("exit {}", r.exit_code);
  throw std::runtime_error(fmt::format("{} failed ({}): {}", what, how, r.output));
}

std::string base_uri(const std::string& dir) { return fmt::format("postgresql:///postgres?host={}&user=podium", dir); }

// initdb into dir/data, then the server, handed to the postgres user when running as root.
void initialize_and_start(const std::string& bin, const std::string& dir) {
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all);
  if (getuid() == 0) {
    const passwd* pw = getpwnam("postgres");
    if (!pw)
      throw std::runtime_error(
          "running as root, PostgreSQL needs the 'postgres' user to run as; it comes with the "
          "postgresql package (scripts/setup.sh installs it)");
    if (chown(dir.c_str(), pw->pw_uid, pw->pw_gid) != 0)
      throw std::runtime_error(fmt::format("cannot hand {} to the postgres user: {}", dir, strerror(errno)));
  }
  run(as_server_user({bin + "/initdb", "-D", dir + "/data", "-U", "podium", "-A", "trust", "-E", "UTF8", "--locale=C",
                      "--no-sync", "--no-instructions"}),
      "initdb");
  // No TCP (listen_addresses empty), the socket in `dir`, fsync off: the data is thrown away.
  run(as_server_user({bin + "/pg_ctl", "-D", dir + "/data", "-l", dir + "/server.log", "-w", "-t", "60", "-o",
                      fmt::format("-k {} -c listen_addresses='' -F -c max_connections=300", dir), "start"}),
      "pg_ctl start");
}

}  // namespace

void PostgresServer::stop(const std::string& dir) {
  if (fs::exists(fs::path(dir) / "data" / "postmaster.pid")) {
    const std::string pg_ctl = bin_dir() + "/pg_ctl";
    run_process(as_server_user({pg_ctl, "-D", dir + "/data", "-m", "immediate", "-w", "stop"}), "/", 60);
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
}

PostgresServer PostgresServer::start(const std::string& dir) {
  if (dir.size() > 80) throw std::runtime_error(fmt::format("{}: too long for a unix socket's directory", dir));
  try {
    const std::string bin = bin_dir();
    stop(dir);
    initialize_and_start(bin, dir);
  } catch (...) {
    stop(dir);
    throw;
  }
  return attach(dir);
}

PostgresServer PostgresServer::attach(const std::string& dir) {
  PGconn* conn = PQconnectdb(base_uri(dir).c_str());
  const bool ok = PQstatus(conn) == CONNECTION_OK;
  const std::string reason = PQerrorMessage(conn);
  PQfinish(conn);
  if (!ok) throw std::runtime_error(fmt::format("no PostgreSQL server answers in {}: {}", dir, reason));
  return PostgresServer(dir);
}

std::string PostgresServer::fresh_schema_uri() const {
  static std::atomic<int> counter{0};
  const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
  const std::string schema = fmt::format("t{}_{}_{}", getpid(), counter++, stamp);
  PGconn* conn = PQconnectdb(base_uri(dir_).c_str());
  PGresult* r = PQexec(conn, fmt::format("CREATE SCHEMA {}", schema).c_str());
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  const std::string reason = PQerrorMessage(conn);
  PQclear(r);
  PQfinish(conn);
  if (!ok) throw std::runtime_error(fmt::format("cannot create schema {} in {}: {}", schema, dir_, reason));
  return base_uri(dir_) + "&options=-csearch_path%3D" + schema;
}

}  // namespace podium::testing
