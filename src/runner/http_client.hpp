// The client side of Podium's HTTP API (docs/api.md), shared by the worker and the podium client
// commands: JSON requests carrying the bearer token, the server's error bodies turned into exceptions
// that say what the server said, and server-sent event streams read by a small incremental parser.
//
// One HttpClient must not be used by two threads at once (cpp-httplib's client is not thread-safe):
// the worker gives each of its threads its own.
#pragma once

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

namespace httplib {
class Client;
}

namespace podium {

// The server answered with an error status. what() is "MESSAGE (HTTP 404)", the message taken from
// the body's {"error": {"status", "code", "message"}} (or the body itself when it is not that).
class ServerError : public std::runtime_error {
 public:
  ServerError(int status, std::string code, const std::string& message);
  int status() const { return status_; }
  const std::string& code() const { return code_; }

 private:
  int status_;
  std::string code_;
};

// No answer at all: the server is not running, not reachable, or stopped answering.
// what(): "cannot reach the server at URL: REASON; is `podium serve` running?"
class ConnectionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct HttpResponse {
  int status = 0;
  std::string body;
  // The body as JSON; throws ServerError (with this status) naming the problem when it is not JSON.
  nlohmann::json json() const;
};

// Throws ServerError for a status of 400 or more; returns the response otherwise.
const HttpResponse& expect_success(const HttpResponse& response);

// "a b/c" -> "a%20b%2Fc", for query parameters.
std::string url_encode(std::string_view text);

// "127.0.0.1:8130/" -> "http://127.0.0.1:8130": a scheme added when missing, trailing slashes removed.
std::string normalize_server_url(std::string url);

// One server-sent event. `event` is "message" when the stream did not name it.
struct SseEvent {
  std::string event = "message";
  std::string data;  // the data lines joined by '\n'
  std::string id;
};

// Incremental parser of a text/event-stream, by the WHATWG rules: lines end with \n, \r\n or \r (also
// when a chunk boundary falls between \r and \n); "field: value" with one optional space removed;
// lines starting with ':' are comments (keep-alives); a blank line dispatches the event, and an
// event without data lines is not dispatched.
class SseParser {
 public:
  using Handler = std::function<bool(const SseEvent&)>;  // false: stop reading
  // Feeds bytes as they arrive; calls `on_event` for each complete event. Returns false as soon as
  // on_event does (the rest of the chunk is not parsed).
  bool feed(std::string_view bytes, const Handler& on_event);

 private:
  bool end_line(const Handler& on_event);

  std::string line_;
  bool after_cr_ = false;  // the last byte was \r: a following \n belongs to the same line end
  SseEvent pending_;
  bool has_data_ = false;
};

class HttpClient {
 public:
  // `server`: as normalize_server_url accepts it; `token`: empty for anonymous requests. The first
  // client made also makes SIGPIPE harmless to the process (a server that vanishes mid-request is
  // then an error, not the end of the process; see http_client.cpp).
  HttpClient(const std::string& server, std::string token);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  const std::string& server() const { return server_; }

  // A request and its answer, whatever the status; throws ConnectionError when no answer came.
  // `path` starts with "/api/v1/...".
  HttpResponse get(const std::string& path);
  HttpResponse post(const std::string& path, const nlohmann::json& body);

  // The same, throwing ServerError for an error status and returning the body as JSON.
  nlohmann::json get_json(const std::string& path);
  nlohmann::json post_json(const std::string& path, const nlohmann::json& body);

  // Reads the event stream at `path`, calling `on_event` for every event until the server ends the
  // stream (returns false), `on_event` returns false (returns true), or nothing arrives for
  // `idle_seconds` (throws ConnectionError). Throws ServerError when the server refuses the stream.
  bool stream_events(const std::string& path, const SseParser::Handler& on_event, int idle_seconds = 60);

 private:
  [[noreturn]] void throw_unreachable(const std::string& reason) const;

  std::string server_;
  std::string token_;
  std::unique_ptr<httplib::Client> client_;
};

}  // namespace podium
