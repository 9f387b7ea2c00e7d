// The store suite's entry point. Besides running the tests, it starts and stops the PostgreSQL server
// that ctest shares between the suite's test processes (tests/store/CMakeLists.txt):
//   podium_store_tests --start-postgres DIR
//   podium_store_tests --stop-postgres DIR
// Run by hand, without PODIUM_TEST_POSTGRES, the suite starts its own server in a temporary directory
// the first time a PostgreSQL test needs one and stops it at the end.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstring>
#include <iostream>
#include <mutex>
#include <optional>

#include "tests/store/postgres_server.hpp"
#include "tests/store/store_test_env.hpp"

using podium::testing::PostgresServer;

namespace {

std::mutex server_mutex;
std::optional<PostgresServer> server;
std::string server_error;
bool own_server = false;

// Stops the server this process started, once every test has run.
class OwnServerEnvironment : public ::testing::Environment {
 public:
  void TearDown() override {
    if (own_server && server) PostgresServer::stop(server->dir());
  }
};

}  // namespace

namespace testing_env {

PostgresUri postgres_uri() {
  std::lock_guard lock(server_mutex);
  if (!server && server_error.empty()) {
    try {
      if (const char* shared = std::getenv("PODIUM_TEST_POSTGRES")) {
        server = PostgresServer::attach(shared);
      } else {
        char dir[] = "/tmp/podium-pg-XXXXXX";
        if (!mkdtemp(dir)) throw std::runtime_error(std::string("mkdtemp: ") + strerror(errno));
        own_server = true;
        server = PostgresServer::start(dir);
      }
    } catch (const std::exception& e) {
      server_error = std::string("no PostgreSQL server for the store tests: ") + e.what();
    }
  }
  if (!server) return {false, "", server_error};
  try {
    return {true, server->fresh_schema_uri(), ""};
  } catch (const std::exception& e) {
    return {false, "", e.what()};
  }
}

}  // namespace testing_env

int main(int argc, char** argv) {
  if (argc == 3 && (std::strcmp(argv[1], "--start-postgres") == 0 || std::strcmp(argv[1], "--stop-postgres") == 0)) {
    try {
      if (std::strcmp(argv[1], "--start-postgres") == 0) {
        PostgresServer::start(argv[2]);
        std::cout << "PostgreSQL is listening on a unix socket in " << argv[2] << "\n";
      } else {
        PostgresServer::stop(argv[2]);
      }
      return 0;
    } catch (const std::exception& e) {
      std::cerr << argv[1] << ": " << e.what() << "\n";
      return 1;
    }
  }
  ::testing::InitGoogleTest(&argc, argv);
  ::testing::AddGlobalTestEnvironment(new OwnServerEnvironment);
  return RUN_ALL_TESTS();
}
