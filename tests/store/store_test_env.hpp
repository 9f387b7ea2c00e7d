// Where the store suite's PostgreSQL server comes from (main.cpp): the one ctest started for the whole
// run (PODIUM_TEST_POSTGRES names its directory), or else one this process starts on first use and
// stops when it exits.
#pragma once

#include <string>

namespace testing_env {

struct PostgresUri {
  bool ok = false;
  std::string uri;    // a fresh schema's connection URI, when ok
  std::string error;  // why there is no server, otherwise
};

PostgresUri postgres_uri();

}  // namespace testing_env
