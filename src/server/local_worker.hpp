// The worker `podium serve` runs beside itself: a child process (`podium worker ...`, the same
// program remote GPU hosts run), restarted with a growing pause when it exits, and stopped with the
// server. A child, not a thread, because evaluation forks processes that must not inherit a
// multi-threaded server, and the worker initializes CUDA, which the server process must not.
#pragma once

#include <sys/types.h>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace podium {

class LocalWorker {
 public:
  // Starts `argv` (argv[0] is the program's path) now and again whenever it exits, until destroyed,
  // with this process's environment plus `environment` ("NAME=value", replacing the same names):
  // the way to hand the child a secret that the command line would show to every user of the host.
  // `log` receives a line when the child exits or cannot start.
  LocalWorker(std::vector<std::string> argv, std::vector<std::string> environment, std::function<void(const std::string&)> log);
  // Sends the child SIGTERM, and SIGKILL if it is still there after 5 s.
  ~LocalWorker();
  LocalWorker(const LocalWorker&) = delete;
  LocalWorker& operator=(const LocalWorker&) = delete;

  pid_t pid() const;  // the child now running; 0 between restarts
  int starts() const;  // how many times a child was started

 private:
  void supervise();
  pid_t start_child();

  const std::vector<std::string> argv_;
  std::vector<std::string> environment_;  // the child's whole environment
  const std::function<void(const std::string&)> log_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool stopping_ = false;
  pid_t pid_ = 0;
  int starts_ = 0;
  std::thread thread_;
};

}  // namespace podium
