// The API client over cpp-httplib and the event-stream parser. See http_client.hpp.
#include "runner/http_client.hpp"

#include <httplib.h>
#include <signal.h>

#include <cctype>
#include <fmt/format.h>
#include <mutex>

namespace podium {
namespace {

// cpp-httplib's error names ("Connection", "Read") say little to a person; these say what happened.
std::string describe(httplib::Error error) {
  switch (error) {
    case httplib::Error::Connection:
      return "could not connect";
    case httplib::Error::ConnectionTimeout:
      return "the connection timed out";
    case httplib::Error::Read:
      return "the connection broke or no answer came in time";
    case httplib::Error::Write:
      return "the request could not be sent";
    case httplib::Error::SSLConnection:
    case httplib::Error::SSLLoadingCerts:
    case httplib::Error::SSLServerVerification:
      return "TLS failed (" + httplib::to_string(error) + ")";
    default:
      return httplib::to_string(error);
  }
}

// cpp-httplib, as Debian builds it, writes to sockets without MSG_NOSIGNAL, so a server that goes
// away in the middle of a request would end this process with SIGPIPE. A handler that does nothing
// turns that into the write's error return. (Not SIG_IGN: that would be inherited across exec by
// every compiler and sandbox this process starts, while a handler is reset to the default there.)
void survive_broken_pipes() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction action {};
    action.sa_handler = [](int) {};
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGPIPE, &action, nullptr);
  });
}

constexpr time_t kConnectSeconds = 5;
constexpr time_t kReadSeconds = 60;

}  // namespace

ServerError::ServerError(int status, std::string code, const std::string& message)
    : std::runtime_error(fmt::format("{} (HTTP {})", message, status)), status_(status), code_(std::move(code)) {}

nlohmann::json HttpResponse::json() const {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded()) {
    const std::string start = body.substr(0, 120);
    throw ServerError(status, "bad_response", fmt::format("the server's answer is not JSON: '{}'", start));
  }
  return j;
}

const HttpResponse& expect_success(const HttpResponse& r) {
  if (r.status < 400) return r;
  const auto j = nlohmann::json::parse(r.body, nullptr, false);
  if (j.is_object() && j.contains("error") && j["error"].is_object()) {
    const auto& e = j["error"];
    throw ServerError(r.status, e.value("code", ""), e.value("message", std::string("the server gave no reason")));
  }
  std::string text = r.body.substr(0, 200);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  throw ServerError(r.status, "", text.empty() ? "the server gave no reason" : text);
}

std::string url_encode(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

std::string normalize_server_url(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (url.find("://") == std::string::npos) url = "http://" + url;
  return url;
}

bool SseParser::feed(std::string_view bytes, const Handler& on_event) {
  for (char c : bytes) {
    if (after_cr_) {
      after_cr_ = false;
      if (c == '\n') continue;  // the \n of a \r\n whose \r ended the line already
    }
    if (c == '\r' || c == '\n') {
      after_cr_ = c == '\r';
      if (!end_line(on_event)) return false;
    } else {
      line_ += c;
    }
  }
  return true;
}

bool SseParser::end_line(const Handler& on_event) {
  std::string line;
  line.swap(line_);
  if (line.empty()) {
    if (!has_data_) {
      pending_ = SseEvent{};
      return true;
    }
    SseEvent event;
    std::swap(event, pending_);
    has_data_ = false;
    return on_event(event);
  }
  if (line[0] == ':') return true;  // a comment: servers send these to keep idle streams open
  const size_t colon = line.find(':');
  const std::string field = line.substr(0, colon);
  std::string value = colon == std::string::npos ? "" : line.substr(colon + 1);
  if (!value.empty() && value[0] == ' ') value.erase(0, 1);
  if (field == "event") {
    pending_.event = value;
  } else if (field == "data") {
    if (has_data_) pending_.data += '\n';
    pending_.data += value;
    has_data_ = true;
  } else if (field == "id") {
    pending_.id = value;
  }  // "retry" and unknown fields are ignored, as the standard says
  return true;
}

HttpClient::HttpClient(const std::string& server, std::string token)
    : server_(normalize_server_url(server)), token_(std::move(token)), client_(std::make_unique<httplib::Client>(server_)) {
  if (!client_->is_valid()) throw std::invalid_argument(fmt::format("'{}' is not a server address (http://HOST:PORT)", server));
  survive_broken_pipes();
  client_->set_connection_timeout(kConnectSeconds, 0);
  client_->set_read_timeout(kReadSeconds, 0);
  client_->set_write_timeout(kReadSeconds, 0);
  if (!token_.empty()) client_->set_bearer_token_auth(token_);
}

HttpClient::~HttpClient() = default;

void HttpClient::throw_unreachable(const std::string& reason) const {
  throw ConnectionError(fmt::format("cannot reach the server at {}: {}; is `podium serve` running?", server_, reason));
}

HttpResponse HttpClient::get(const std::string& path) {
  const auto r = client_->Get(path);
  if (!r) throw_unreachable(describe(r.error()));
  return {r->status, r->body};
}

HttpResponse HttpClient::post(const std::string& path, const nlohmann::json& body) {
  const auto r = client_->Post(path, body.dump(), "application/json");
  if (!r) throw_unreachable(describe(r.error()));
  return {r->status, r->body};
}

nlohmann::json HttpClient::get_json(const std::string& path) { return expect_success(get(path)).json(); }

nlohmann::json HttpClient::post_json(const std::string& path, const nlohmann::json& body) {
  return expect_success(post(path, body)).json();
}

bool HttpClient::stream_events(const std::string& path, const SseParser::Handler& on_event, int idle_seconds) {
  SseParser parser;
  int status = 0;
  std::string error_body;
  bool stopped = false;
  client_->set_read_timeout(idle_seconds, 0);
  const auto r = client_->Get(
      path, httplib::Headers{{"Accept", "text/event-stream"}},
      [&](const httplib::Response& response) {
        status = response.status;
        return true;
      },
      [&](const char* data, size_t length) {
        if (status >= 400) {
          error_body.append(data, length);
          return true;
        }
        stopped = !parser.feed(std::string_view(data, length), on_event);
        return !stopped;
      });
  client_->set_read_timeout(kReadSeconds, 0);
  if (stopped) return true;
  if (!r) throw_unreachable(describe(r.error()));
  expect_success({status, error_body});
  return false;
}

}  // namespace podium
