// podium serve's HTTP server: the API of docs/api.md over a Store. One Server per process; any
// number of processes may share one store (PostgreSQL), since every piece of state the API reads,
// including live progress, lives in the store.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "store/store.hpp"

namespace podium {

struct ServerOptions {
  std::string default_gpu = "H100";  // the model CUDA submissions run on when they name none
  int rate_limit_per_hour = 30;      // submissions per user per problem per hour; organizers and admins are exempt
  Millis lease_ms = 30'000;          // how long a worker's lease lasts without a heartbeat
  int max_attempts = 3;              // leases that may expire before a job fails with internal_error
  Millis event_poll_ms = 150;        // how often a live stream looks at the store
  std::function<Millis()> clock;     // empty: the system clock (tests move time forward)
  std::string web_dir;               // the built web UI, served at "/"; empty: none
};

// Milliseconds since the Unix epoch.
Millis system_now();

class Server {
 public:
  Server(Store& store, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds to host:port (port 0: a free port) and returns the port. Throws with the address when it cannot.
  int bind(const std::string& host, int port);
  // Serves until stop(); meanwhile a thread returns expired leases to the queue every second.
  void run();
  // Stops run() from any thread; live streams end, requests in flight finish.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace podium
