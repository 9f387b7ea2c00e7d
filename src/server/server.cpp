// The server's start-up and its route table: every path of docs/api.md, the handler that answers it
// (handlers.hpp, one file per resource), and the one place where a handler's exception becomes a
// JSON error reply. A request goes: socket (cpp-httplib's thread pool) -> route() below -> a
// handler with its Call (http.hpp) -> the store -> Call::reply.
#include "server/server.hpp"

#include <fmt/format.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <iostream>
#include <thread>

#include "server/handlers.hpp"

namespace podium {

using json = nlohmann::json;

Millis system_now() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

namespace {

// Room for the live streams, each of which holds a thread while it lasts, beside ordinary requests.
constexpr size_t kThreads = 64;
// A result carries whole reports; a source is at most 256 KiB but JSON escaping can grow it 6-fold.
constexpr size_t kMaxBodyBytes = 64 << 20;

void reply_error(httplib::Response& res, int status, const std::string& code, const std::string& message) {
  res.status = status;
  res.set_content(json(ApiErrorBody{status, code, message}).dump(), "application/json");
}

int status_of(StoreError::Kind kind) {
  switch (kind) {
    case StoreError::Kind::not_found:
      return 404;
    case StoreError::Kind::conflict:
      return 409;
    case StoreError::Kind::invalid:
      return 400;
    case StoreError::Kind::engine:
      break;
  }
  return 500;
}

const char* code_of(StoreError::Kind kind) {
  switch (kind) {
    case StoreError::Kind::not_found:
      return "not_found";
    case StoreError::Kind::conflict:
      return "conflict";
    case StoreError::Kind::invalid:
      return "bad_request";
    case StoreError::Kind::engine:
      break;
  }
  return "internal";
}

void get_health(Call& call) {
  Health h;
  h.version = PODIUM_VERSION;
  h.engine = call.store.engine();
  h.schema = call.store.schema_version();
  h.workers = call.server.workers.list();
  call.reply(200, h);
}

}  // namespace

struct Server::Impl {
  Impl(Store& store, ServerOptions options) : state{store, std::move(options), {}, {}} {}

  ServerState state;
  httplib::Server http;
  std::mutex mutex;
  std::condition_variable wake;
  bool stopping = false;
  bool serving = false;        // run() is in (or past) listen
  bool done_listening = false;

  using Handler = void (*)(Call&);

  // One route: the handler runs with its Call; whatever it throws becomes an error reply.
  void route(const char* method, const char* pattern, Handler handler) {
    auto wrapped = [this, handler](const httplib::Request& req, httplib::Response& res) {
      try {
        Call call(state, req, res);
        handler(call);
      } catch (const ApiError& e) {
        reply_error(res, e.status, e.code, e.what());
        if (e.retry_after_seconds) res.set_header("Retry-After", std::to_string(*e.retry_after_seconds));
      } catch (const FieldError& e) {
        reply_error(res, 400, "bad_request", e.what());
      } catch (const StoreError& e) {
        reply_error(res, status_of(e.kind()), code_of(e.kind()), e.what());
      } catch (const std::exception& e) {
        reply_error(res, 500, "internal", fmt::format("{} {}: {}", req.method, req.path, e.what()));
      }
    };
    const std::string m = method;
    if (m == "GET")
      http.Get(pattern, wrapped);
    else if (m == "POST")
      http.Post(pattern, wrapped);
    else if (m == "PATCH")
      http.Patch(pattern, wrapped);
    else
      http.Delete(pattern, wrapped);
  }

  void add_routes() {
    // A problem's slug is "set/name": one capture spanning two segments.
    route("GET", "/api/v1/health", get_health);
    route("GET", "/api/v1/problems", list_problems);
    route("GET", R"(/api/v1/problems/([^/]+/[^/]+))", get_problem);
    route("PATCH", R"(/api/v1/problems/([^/]+/[^/]+))", patch_problem);
    route("GET", R"(/api/v1/problems/([^/]+/[^/]+)/template)", get_problem_template);
    route("GET", R"(/api/v1/problems/([^/]+/[^/]+)/leaderboard)", get_leaderboard);
    route("GET", "/api/v1/competitions", list_competitions);
    route("POST", "/api/v1/competitions", post_competition);
    route("GET", R"(/api/v1/competitions/([^/]+))", get_competition);

    route("POST", "/api/v1/submissions", post_submission);
    route("GET", "/api/v1/submissions", list_submissions);
    route("GET", R"(/api/v1/submissions/([^/]+))", get_submission);
    route("GET", R"(/api/v1/submissions/([^/]+)/events)", stream_submission_events);
    route("POST", R"(/api/v1/submissions/([^/]+)/rerun)", rerun_submission);
    route("POST", R"(/api/v1/submissions/([^/]+)/disqualify)", disqualify_submission);

    route("GET", "/api/v1/me", get_me);
    route("GET", "/api/v1/users", list_users);
    route("POST", "/api/v1/users", post_user);
    route("POST", R"(/api/v1/users/([^/]+)/tokens)", post_token);
    route("GET", R"(/api/v1/users/([^/]+)/tokens)", list_tokens);
    route("DELETE", R"(/api/v1/tokens/([^/]+))", delete_token);
    route("GET", "/api/v1/audit", get_audit);

    route("POST", "/api/v1/worker/lease", lease_job);
    route("POST", R"(/api/v1/worker/jobs/([^/]+)/heartbeat)", heartbeat_job);
    route("POST", R"(/api/v1/worker/jobs/([^/]+)/progress)", post_job_progress);
    route("POST", R"(/api/v1/worker/jobs/([^/]+)/result)", post_job_result);

    add_web_ui();

    // Errors cpp-httplib answers itself (no route, a body over the limit, a malformed request) get
    // the same JSON form; replies the handlers made already have a body and pass through.
    http.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
      if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
      if (res.status == 404)
        reply_error(res, 404, "not_found", fmt::format("no route {} {}; docs/api.md lists them", req.method, req.path));
      else if (res.status == 413)
        reply_error(res, 413, "too_large", fmt::format("the request body is over {} MiB", kMaxBodyBytes >> 20));
      else
        reply_error(res, res.status, res.status < 500 ? "bad_request" : "internal", fmt::format("HTTP status {}", res.status));
      return httplib::Server::HandlerResponse::Handled;
    }));
  }

  // The web UI is static files calling the API: file names under assets/ carry a content hash and may
  // be cached for good; index.html must be fetched again so a rebuilt UI is picked up on reload.
  void add_web_ui() {
    const std::string& dir = state.options.web_dir;
    if (!dir.empty() && std::filesystem::is_regular_file(std::filesystem::path(dir) / "index.html")) {
      http.set_mount_point("/", dir);
      http.set_file_request_handler([](const httplib::Request& req, httplib::Response& res) {
        res.set_header("Cache-Control", req.path.rfind("/assets/", 0) == 0 ? "public, max-age=31536000, immutable" : "no-cache");
      });
      return;
    }
    http.Get("/", [dir](const httplib::Request&, httplib::Response& res) {
      res.set_content(fmt::format("Podium's API is at /api/v1 (docs/api.md). The web UI is not built{}: run scripts/setup-web.sh.\n",
                                  dir.empty() ? "" : " in " + dir),
                      "text/plain; charset=utf-8");
    });
  }

  // Leases whose worker went quiet go back to the queue, once a second, until the server stops.
  void expire_leases_until_stopped() {
    std::unique_lock lock(mutex);
    while (!stopping) {
      wake.wait_for(lock, std::chrono::seconds(1));
      if (stopping) break;
      lock.unlock();
      try {
        state.store.expire_leases(state.options.clock(), state.options.max_attempts);
      } catch (const std::exception& e) {
        std::cerr << "podium serve: expiring leases failed: " << e.what() << "\n";
      }
      lock.lock();
    }
  }
};

Server::Server(Store& store, ServerOptions options) {
  if (!options.clock) options.clock = system_now;
  impl_ = std::make_unique<Impl>(store, std::move(options));
  impl_->http.new_task_queue = [] { return new httplib::ThreadPool(kThreads); };
  impl_->http.set_payload_max_length(kMaxBodyBytes);
  impl_->add_routes();
}

Server::~Server() { stop(); }

int Server::bind(const std::string& host, int port) {
  const int bound = port == 0 ? impl_->http.bind_to_any_port(host) : (impl_->http.bind_to_port(host, port) ? port : -1);
  if (bound < 0) throw std::runtime_error(fmt::format("cannot listen on {}:{} (in use, or not an address of this machine)", host, port));
  return bound;
}

void Server::run() {
  {
    std::lock_guard lock(impl_->mutex);
    if (impl_->stopping) return;
    impl_->serving = true;
  }
  std::thread expiry([this] { impl_->expire_leases_until_stopped(); });
  impl_->http.listen_after_bind();
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
    impl_->done_listening = true;
  }
  impl_->wake.notify_all();
  expiry.join();
}

void Server::stop() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
  }
  impl_->wake.notify_all();
  // run() may be between its check and the listen loop's start: stop the loop once it runs.
  for (;;) {
    {
      std::lock_guard lock(impl_->mutex);
      if (!impl_->serving || impl_->done_listening) return;
    }
    if (impl_->http.is_running()) {
      impl_->http.stop();
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

}  // namespace podium
