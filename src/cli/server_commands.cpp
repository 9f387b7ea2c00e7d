// podium serve and podium admin: running the platform.
//
//   podium serve [--listen HOST:PORT] [--db LOCATION] [--problems DIR] [--no-worker] [--default-gpu MODEL]
//                [--rate-limit N] [--lease-seconds S]
//   podium admin user add NAME [--role ROLE] | user list
//   podium admin token create USER [--label L] | token revoke ID          (each with [--db LOCATION])
//
// serve opens the store, imports the problems, and on an empty store creates the first admin and
// prints its token (once). Unless told not to, it runs a local worker as a child process: the same
// `podium worker` a remote GPU host runs. The admin commands work on the store directly, for the
// server's operator. docs/operations.md says more.
#include <fmt/format.h>
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <thread>

#include "cli/client_config.hpp"
#include "cli/subcommands.hpp"
#include "server/auth.hpp"
#include "server/gpu_models.hpp"
#include "server/json.hpp"
#include "server/limits.hpp"
#include "server/local_worker.hpp"
#include "server/problem_import.hpp"
#include "server/server.hpp"
#include "store/store.hpp"

namespace podium {

namespace fs = std::filesystem;

namespace {

// A bad input: the message names the thing and the reason; the command exits with code 2.
struct CommandError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

// $PODIUM_DATA_DIR/podium.db, else $XDG_DATA_HOME/podium/podium.db, else ~/.local/share/podium/podium.db.
std::string default_store_location() {
  if (!env("PODIUM_DATA_DIR").empty()) return (fs::path(env("PODIUM_DATA_DIR")) / "podium.db").string();
  if (!env("XDG_DATA_HOME").empty()) return (fs::path(env("XDG_DATA_HOME")) / "podium" / "podium.db").string();
  if (env("HOME").empty()) throw CommandError("neither PODIUM_DATA_DIR nor HOME is set: give the store with --db");
  return (fs::path(env("HOME")) / ".local" / "share" / "podium" / "podium.db").string();
}

bool is_postgres(const std::string& location) { return location.starts_with("postgresql://") || location.starts_with("postgres://"); }

// Opens the store, creating the directory of a SQLite file first.
std::unique_ptr<Store> open_store_at(std::string location) {
  if (location.empty()) location = default_store_location();
  if (!is_postgres(location)) {
    const fs::path file = location.starts_with("sqlite:") ? location.substr(7) : location;
    if (file.has_parent_path()) fs::create_directories(file.parent_path());
  }
  try {
    return open_store(location);
  } catch (const StoreError& e) {
    throw CommandError(fmt::format("store {}: {}", location, e.what()));
  }
}

// Runs a command body; whatever stops it (a CommandError, the store's refusal, a port in use) is
// printed with its message and exits with code 2.
void run_command(const std::function<void()>& body) {
  try {
    body();
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    throw CLI::RuntimeError(2);
  }
}

// ---- serve ---------------------------------------------------------------------------------------

struct ServeArgs {
  std::string listen = "127.0.0.1:8130";
  std::string db;
  std::string problems;
  bool no_worker = false;
  std::string default_gpu = "H100";
  int rate_limit = 30;
  int lease_seconds = 30;
  std::string web;
};

struct Address {
  std::string host;
  int port = 0;
};

Address parse_listen(const std::string& text) {
  const auto colon = text.rfind(':');
  Address a;
  if (colon == std::string::npos || colon == 0)
    throw CommandError(fmt::format("--listen '{}': expected HOST:PORT, e.g. 127.0.0.1:8130 (0.0.0.0:8130 for every interface)", text));
  a.host = text.substr(0, colon);
  const auto port = text.substr(colon + 1);
  const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), a.port);
  if (ec != std::errc() || end != port.data() + port.size() || a.port < 0 || a.port > 65535)
    throw CommandError(fmt::format("--listen '{}': port '{}' is not a number from 0 to 65535", text, port));
  return a;
}

// The first admin of an empty store, with a token printed once and, when this machine has no client
// configuration yet, saved as one so that `podium submit` works right away.
void create_first_admin(Store& store, const std::string& url) {
  const Millis now = system_now();
  const auto admin = store.add_user("admin", UserRole::admin, now);
  const auto token = generate_token();
  store.add_token(admin.id, token.hash, token.prefix, "first admin", now);
  store.audit(std::nullopt, "user.add", nlohmann::json{{"name", "admin"}, {"role", "admin"}, {"by", "podium serve"}}.dump(), now);
  fmt::print("created user admin (role admin); its token, shown this once:\n  {}\n", token.token);
  if (load_client_config()) {
    fmt::print("a client configuration exists already ({}); it was left as it is\n", client_config_path().string());
    return;
  }
  save_client_config({url, token.token});
  fmt::print("saved it to {}: podium submit works as admin on this machine\n", client_config_path().string());
}

// The local worker's user, with a fresh token: earlier ones (of earlier serve runs) are revoked.
std::string local_worker_token(Store& store) {
  const Millis now = system_now();
  auto user = store.find_user("local-worker");
  if (!user) user = store.add_user("local-worker", UserRole::worker, now);
  if (user->role != UserRole::worker) store.set_user_role(user->id, UserRole::worker);
  for (const auto& t : store.list_tokens(user->id))
    if (!t.revoked) store.revoke_token(t.id);
  const auto token = generate_token();
  store.add_token(user->id, token.hash, token.prefix, "podium serve's local worker", now);
  return token.token;
}

// SIGINT and SIGTERM are blocked in every thread (set before any starts) and taken by one thread that
// stops the server; a second signal while stopping is taken too, and ignored.
class StopOnSignal {
 public:
  explicit StopOnSignal(Server& server) {
    thread_ = std::thread([this, &server] {
      sigset_t set = signals();
      const timespec tick{0, 200'000'000};
      while (!done_) {
        const int sig = sigtimedwait(&set, nullptr, &tick);
        if (sig > 0) {
          fmt::print(stderr, "podium serve: {}, stopping\n", sig == SIGINT ? "interrupted" : "terminated");
          server.stop();
        }
      }
    });
  }
  ~StopOnSignal() {
    done_ = true;
    thread_.join();
  }
  static sigset_t signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    return set;
  }

 private:
  std::atomic<bool> done_{false};
  std::thread thread_;
};

void serve(const ServeArgs& args) {
  const Address address = parse_listen(args.listen);
  ServerOptions options;
  const auto model = gpu_model(args.default_gpu);
  if (!model) throw CommandError(fmt::format("--default-gpu '{}': not a GPU model of the catalogue (podium gpu list)", args.default_gpu));
  options.default_gpu = *model;
  if (args.rate_limit < 0) throw CommandError(fmt::format("--rate-limit {}: must be 0 (no limit) or more", args.rate_limit));
  options.rate_limit_per_hour = args.rate_limit;
  if (args.lease_seconds < 1) throw CommandError(fmt::format("--lease-seconds {}: must be at least 1", args.lease_seconds));
  options.lease_ms = Millis{args.lease_seconds} * 1000;
  options.web_dir = (args.web.empty() ? default_web_dir() : fs::path(args.web)).string();
  const fs::path problems = args.problems.empty() ? default_problems_dir() : fs::path(args.problems);
  if (!fs::is_directory(problems)) throw CommandError(fmt::format("--problems {}: no such directory", problems.string()));

  const sigset_t stop_signals = StopOnSignal::signals();
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  const std::string location = args.db.empty() ? default_store_location() : args.db;
  auto store = open_store_at(location);
  const auto imported = import_problems(*store, problems, system_now());
  for (const auto& e : imported.errors) fmt::print(stderr, "warning: problem left out: {}\n", e);
  fmt::print("imported {} problems from {} ({} new, {} changed)\n", imported.imported(), problems.string(), imported.added,
             imported.updated);

  Server server(*store, options);
  const int port = server.bind(address.host, address.port);
  const std::string client_host = address.host == "0.0.0.0" ? "127.0.0.1" : address.host;
  const std::string url = fmt::format("http://{}:{}", client_host, port);
  if (store->list_users().empty()) create_first_admin(*store, url);

  std::unique_ptr<LocalWorker> worker;
  if (!args.no_worker) {
    const auto exe = fs::read_symlink("/proc/self/exe").string();
    worker = std::make_unique<LocalWorker>(std::vector<std::string>{exe, "worker", "--server", url, "--name", "local"},
                                           std::vector<std::string>{"PODIUM_TOKEN=" + local_worker_token(*store)},
                                           [](const std::string& line) { fmt::print(stderr, "podium serve: {}\n", line); });
  }
  StopOnSignal stop_on_signal(server);
  fmt::print("podium serving {} (store: {} {}; {})\n", url, store->engine(), is_postgres(location) ? "database" : location,
             worker ? "local worker started" : "no local worker");
  std::fflush(stdout);
  server.run();
  worker.reset();
}

// ---- admin ---------------------------------------------------------------------------------------

User existing_user(Store& store, const std::string& name) {
  const auto user = store.find_user(name);
  if (!user) throw CommandError(fmt::format("no user '{}' (podium admin user list shows them)", name));
  return *user;
}

void add_admin_commands(CLI::App& app) {
  auto* admin = app.add_subcommand("admin", "Manage users and tokens directly in the store (for the server's operator)");
  admin->require_subcommand(1);
  auto* user = admin->add_subcommand("user", "Users");
  user->require_subcommand(1);
  auto* token = admin->add_subcommand("token", "API tokens");
  token->require_subcommand(1);

  struct Args {
    std::string db, name, role = "competitor", label;
    int64_t token_id = 0;
  };
  auto args = std::make_shared<Args>();
  const auto db_option = [args](CLI::App* cmd) {
    cmd->add_option("--db", args->db, "Store: a SQLite file or postgresql://... (default: $PODIUM_DATA_DIR/podium.db, else ~/.local/share/podium/podium.db)");
  };

  auto* user_add = user->add_subcommand("add", "Add a user");
  user_add->add_option("name", args->name, "User name: letters, digits, '_', '.', '-'")->required();
  user_add->add_option("--role", args->role, "competitor, organizer, admin or worker")->default_val("competitor");
  db_option(user_add);
  user_add->callback([args] {
    run_command([&] {
      const auto role = parse_role(args->role);
      if (!role) throw CommandError(fmt::format("--role '{}': not competitor, organizer, admin or worker", args->role));
      if (const auto why = plain_name_problem(args->name, "a user name"); !why.empty())
        throw CommandError(fmt::format("user name '{}': {}", args->name, why));
      auto store = open_store_at(args->db);
      if (store->find_user(args->name)) throw CommandError(fmt::format("user '{}' exists already", args->name));
      const auto u = store->add_user(args->name, *role, system_now());
      store->audit(std::nullopt, "user.add", nlohmann::json{{"name", u.name}, {"role", args->role}, {"by", "podium admin"}}.dump(), system_now());
      fmt::print("added user {} (id {}, role {})\n", u.name, u.id, role_name(u.role));
    });
  });

  auto* user_list = user->add_subcommand("list", "List the users");
  db_option(user_list);
  user_list->callback([args] {
    run_command([&] {
      auto store = open_store_at(args->db);
      fmt::print("{:>6}  {:<24} {:<11} {}\n", "id", "name", "role", "");
      for (const auto& u : store->list_users())
        fmt::print("{:>6}  {:<24} {:<11} {}\n", u.id, u.name, role_name(u.role), u.disabled ? "disabled" : "");
    });
  });

  auto* token_create = token->add_subcommand("create", "Make a token for a user and print it (it is shown only this once)");
  token_create->add_option("user", args->name, "User name")->required();
  token_create->add_option("--label", args->label, "What the token is for (shown in token lists)");
  db_option(token_create);
  token_create->callback([args] {
    run_command([&] {
      auto store = open_store_at(args->db);
      const auto u = existing_user(*store, args->name);
      const auto made = generate_token();
      const auto t = store->add_token(u.id, made.hash, made.prefix, args->label, system_now());
      store->audit(std::nullopt, "token.create", nlohmann::json{{"user", u.name}, {"token", t.id}, {"by", "podium admin"}}.dump(), system_now());
      fmt::print("{}\n", made.token);
      fmt::print(stderr, "token {} for {} (role {}); it is not shown again\n", t.id, u.name, role_name(u.role));
    });
  });

  auto* token_revoke = token->add_subcommand("revoke", "Revoke a token by its id");
  token_revoke->add_option("id", args->token_id, "Token id (from GET /api/v1/users/NAME/tokens)")->required();
  db_option(token_revoke);
  token_revoke->callback([args] {
    run_command([&] {
      auto store = open_store_at(args->db);
      store->revoke_token(args->token_id);
      store->audit(std::nullopt, "token.revoke", nlohmann::json{{"token", args->token_id}, {"by", "podium admin"}}.dump(), system_now());
      fmt::print("revoked token {}\n", args->token_id);
    });
  });
}

}  // namespace

void add_server_commands(CLI::App& app) {
  auto args = std::make_shared<ServeArgs>();
  auto* serve_cmd = app.add_subcommand("serve", "Run the server: HTTP API, queue, leaderboards, and a local worker");
  serve_cmd->add_option("--listen", args->listen, "HOST:PORT to serve on")->default_val(args->listen);
  serve_cmd->add_option("--db", args->db,
                        "Store: a SQLite file, or postgresql://... (default: $PODIUM_DATA_DIR/podium.db, else ~/.local/share/podium/podium.db)");
  serve_cmd->add_option("--problems", args->problems, "Problems directory, <set>/<name>/problem.yaml (default: the bundled problems)");
  serve_cmd->add_flag("--no-worker", args->no_worker, "Do not start a local worker (remote workers only)");
  serve_cmd->add_option("--default-gpu", args->default_gpu, "GPU model for CUDA submissions that name none")->default_val(args->default_gpu);
  serve_cmd->add_option("--rate-limit", args->rate_limit, "Submissions per user per problem per hour (0: no limit)")->default_val(args->rate_limit);
  serve_cmd->add_option("--lease-seconds", args->lease_seconds, "Seconds a worker's lease lasts without a heartbeat")
      ->default_val(args->lease_seconds);
  serve_cmd->add_option("--web", args->web, "The built web UI to serve at / (default: the bundled web/dist)");
  serve_cmd->callback([args] { run_command([&] { serve(*args); }); });
  add_admin_commands(app);
}

}  // namespace podium
