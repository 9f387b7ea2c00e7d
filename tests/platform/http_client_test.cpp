// The API client that the worker and the client commands share, against a small HTTP server started
// by each test: error bodies become messages with their status, an unreachable server says how to
// fix it, and event streams arrive event by event.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "platform_support.hpp"
#include "runner/http_client.hpp"

using namespace podium;
using namespace std::chrono_literals;

namespace {

// An HTTP server on a free port of 127.0.0.1, serving until the test ends.
class TestServer {
 public:
  httplib::Server http;
  std::atomic<bool> stopping{false};

  void start() {
    port_ = http.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    thread_ = std::thread([this] { http.listen_after_bind(); });
    while (!http.is_running()) std::this_thread::sleep_for(1ms);
  }
  ~TestServer() {
    stopping = true;
    http.stop();
    if (thread_.joinable()) thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  int port_ = 0;
  std::thread thread_;
};

}  // namespace

TEST(HttpClient, AnErrorBodyBecomesItsMessageWithTheStatus) {
  TestServer server;
  server.http.Get("/api/v1/problems/tensara/foo", [](const httplib::Request&, httplib::Response& res) {
    res.status = 404;
    res.set_content(R"({"error": {"status": 404, "code": "unknown_problem", "message": "no problem 'tensara/foo'"}})", "application/json");
  });
  server.start();
  HttpClient client(server.url(), "");
  try {
    client.get_json("/api/v1/problems/tensara/foo");
    FAIL() << "a 404 must throw";
  } catch (const ServerError& e) {
    EXPECT_STREQ(e.what(), "no problem 'tensara/foo' (HTTP 404)");
    EXPECT_EQ(e.status(), 404);
    EXPECT_EQ(e.code(), "unknown_problem");
  }
}

TEST(HttpClient, AnErrorBodyThatIsNotJsonIsShownAsText) {
  TestServer server;
  server.http.Get("/api/v1/health", [](const httplib::Request&, httplib::Response& res) {
    res.status = 502;
    res.set_content("upstream is down\n", "text/plain");
  });
  server.start();
  HttpClient client(server.url(), "");
  try {
    client.get_json("/api/v1/health");
    FAIL() << "a 502 must throw";
  } catch (const ServerError& e) {
    EXPECT_STREQ(e.what(), "upstream is down (HTTP 502)");
  }
}

TEST(HttpClient, PlainRequestsReturnAnyStatusWithoutThrowing) {
  TestServer server;
  server.http.Post("/api/v1/worker/lease", [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
  server.start();
  HttpClient client(server.url(), "t");
  EXPECT_EQ(client.post("/api/v1/worker/lease", {{"worker", "w"}}).status, 204);
}

TEST(HttpClient, TheTokenTravelsAsABearerAndBodiesAsJson) {
  TestServer server;
  server.http.Post("/api/v1/echo", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(nlohmann::json{{"authorization", req.get_header_value("Authorization")},
                                   {"content_type", req.get_header_value("Content-Type")},
                                   {"body", nlohmann::json::parse(req.body)}}
                        .dump(),
                    "application/json");
  });
  server.start();
  HttpClient client(server.url(), "secret-token");
  const auto echo = client.post_json("/api/v1/echo", {{"problem", "cpu/vector-sum"}});
  EXPECT_EQ(echo["authorization"], "Bearer secret-token");
  EXPECT_EQ(echo["content_type"], "application/json");
  EXPECT_EQ(echo["body"]["problem"], "cpu/vector-sum");
}

TEST(HttpClient, AnUnreachableServerSaysWhereAndWhatToCheck) {
  const std::string url = "http://127.0.0.1:" + std::to_string(podium::platform_testing::free_port());
  HttpClient client(url, "");
  try {
    client.get("/api/v1/health");
    FAIL() << "nothing listens there";
  } catch (const ConnectionError& e) {
    EXPECT_EQ(std::string(e.what()), "cannot reach the server at " + url + ": could not connect; is `podium serve` running?");
  }
}

TEST(HttpClient, ServerAddressesAreNormalized) {
  EXPECT_EQ(normalize_server_url("127.0.0.1:8130/"), "http://127.0.0.1:8130");
  EXPECT_EQ(normalize_server_url("https://podium.example.org"), "https://podium.example.org");
  EXPECT_EQ(url_encode("H100 SXM/a&b"), "H100%20SXM%2Fa%26b");
}

TEST(HttpClient, EventsArriveOneByOneUntilTheServerEndsTheStream) {
  TestServer server;
  server.http.Get("/api/v1/submissions/1/events", [](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("text/event-stream", [](size_t, httplib::DataSink& sink) {
      for (const std::string chunk : {"event: status\ndata: {\"status\": \"queued\", \"queue_position\": 2}\n\n",
                                      ": keep-alive\n\nevent: progress\ndata: {\"phase\": \"test\",", " \"index\": 0}\n\n",
                                      "event: done\ndata: {\"submission\": {}}\n\n"}) {
        sink.write(chunk.data(), chunk.size());
        std::this_thread::sleep_for(10ms);
      }
      sink.done();
      return true;
    });
  });
  server.start();
  HttpClient client(server.url(), "");
  std::vector<std::string> names;
  const bool stopped = client.stream_events("/api/v1/submissions/1/events", [&](const SseEvent& e) {
    names.push_back(e.event);
    if (e.event == "progress") {
      EXPECT_EQ(nlohmann::json::parse(e.data)["index"], 0);
    }
    return true;
  });
  EXPECT_FALSE(stopped);
  EXPECT_EQ(names, (std::vector<std::string>{"status", "progress", "done"}));
}

TEST(HttpClient, TheReaderCanLeaveAnEndlessStream) {
  TestServer server;
  server.http.Get("/api/v1/submissions/1/events", [&](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("text/event-stream", [&](size_t, httplib::DataSink& sink) {
      const std::string event = "event: status\ndata: {\"status\": \"running\"}\n\n";
      while (!server.stopping && sink.write(event.data(), event.size())) std::this_thread::sleep_for(20ms);
      return false;
    });
  });
  server.start();
  HttpClient client(server.url(), "");
  int seen = 0;
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.stream_events("/api/v1/submissions/1/events", [&](const SseEvent&) { return ++seen < 3; }));
  EXPECT_EQ(seen, 3);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

TEST(HttpClient, AStreamThatGoesQuietEndsAsUnreachable) {
  TestServer server;
  server.http.Get("/api/v1/submissions/1/events", [&](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("text/event-stream", [&](size_t, httplib::DataSink& sink) {
      const std::string event = "event: status\ndata: {\"status\": \"running\"}\n\n";
      sink.write(event.data(), event.size());
      while (!server.stopping) std::this_thread::sleep_for(20ms);
      return false;
    });
  });
  server.start();
  HttpClient client(server.url(), "");
  int seen = 0;
  EXPECT_THROW(client.stream_events("/api/v1/submissions/1/events", [&](const SseEvent&) { return ++seen > 0; }, 1), ConnectionError);
  EXPECT_EQ(seen, 1);
}

TEST(HttpClient, ARefusedStreamThrowsTheServersMessage) {
  TestServer server;
  server.http.Get("/api/v1/submissions/9/events", [](const httplib::Request&, httplib::Response& res) {
    res.status = 403;
    res.set_content(R"({"error": {"status": 403, "code": "forbidden", "message": "submission 9 is not yours"}})", "application/json");
  });
  server.start();
  HttpClient client(server.url(), "");
  try {
    client.stream_events("/api/v1/submissions/9/events", [](const SseEvent&) { return true; });
    FAIL() << "a 403 must throw";
  } catch (const ServerError& e) {
    EXPECT_STREQ(e.what(), "submission 9 is not yours (HTTP 403)");
  }
}
