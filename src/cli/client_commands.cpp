// The client subcommands: login, submit, leaderboard, history, show, problems, template (a person or
// a script talking to a server), and worker (a GPU host running jobs for one). All of them speak the
// HTTP API of docs/api.md through runner/http_client.hpp and read its messages through
// server/json.hpp; docs/client.md is their user's guide.
//
// Where the server and the token come from, first found wins: --server/--token, $PODIUM_SERVER /
// $PODIUM_TOKEN, the file `podium login` saves (client_config.hpp), then http://127.0.0.1:8130 with no
// token. A saved token is only sent to the server it was saved for.
//
// Exit codes: 0 done (submit: accepted); 1 submit: the submission was not accepted; 2 the command
// could not do its job (bad arguments, the server unreachable or refusing, an internal error).
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fmt/format.h>
#include <functional>
#include <iostream>
#include <thread>

#include "cli/client_config.hpp"
#include "cli/progress_bar.hpp"
#include "cli/report_print.hpp"
#include "cli/subcommands.hpp"
#include "eval/problem_loader.hpp"
#include "runner/http_client.hpp"
#include "runner/worker.hpp"
#include "server/json.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace podium {
namespace {

constexpr const char* kDefaultServer = "http://127.0.0.1:8130";
// How long `submit` keeps trying to reach a server that stopped answering before it gives up.
constexpr auto kReconnectPatience = 120s;

// --server, --token and (for all but worker) --json.
struct ConnectionArgs {
  std::string server;
  std::string token;
  bool json = false;
};

void add_connection_options(CLI::App* command, ConnectionArgs& args, bool with_json = true) {
  command->add_option("--server", args.server, "Server URL (default: $PODIUM_SERVER, the saved login, http://127.0.0.1:8130)");
  command->add_option("--token", args.token, "API token (default: $PODIUM_TOKEN, the saved login)");
  if (with_json) command->add_flag("--json", args.json, "Print the server's JSON instead of tables");
}

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

ClientConfig resolve(const ConnectionArgs& args) {
  const auto saved = load_client_config();
  ClientConfig config;
  config.server = !args.server.empty() ? args.server : !env("PODIUM_SERVER").empty() ? env("PODIUM_SERVER") : saved ? saved->server : kDefaultServer;
  config.server = normalize_server_url(config.server);
  const bool saved_for_this_server = saved && normalize_server_url(saved->server) == config.server;
  config.token = !args.token.empty() ? args.token : !env("PODIUM_TOKEN").empty() ? env("PODIUM_TOKEN") : saved_for_this_server ? saved->token : "";
  return config;
}

void require_token(const ClientConfig& config) {
  if (config.token.empty())
    throw std::runtime_error(fmt::format("no token for {}: run `podium login --server {} --token TOKEN`, or set PODIUM_TOKEN",
                                         config.server, config.server));
}

// Runs a command's body; an exception becomes "error: MESSAGE" and exit code 2.
void run_command(const std::function<int()>& body) {
  int code = 0;
  try {
    code = body();
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    code = 2;
  }
  if (code != 0) throw CLI::RuntimeError(code);
}

void print_json(const nlohmann::json& j) { std::cout << j.dump(2) << "\n"; }

// Columns padded by display width (a "µ" is two bytes but one column), two spaces apart.
std::string render_table(const std::vector<std::vector<std::string>>& rows) {
  const auto columns_of = [](const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
  };
  std::vector<size_t> width;
  for (const auto& row : rows) {
    width.resize(std::max(width.size(), row.size()), 0);
    for (size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], columns_of(row[i]));
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) line += row[i] + std::string(width[i] - columns_of(row[i]) + 2, ' ');
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::string format_time(Millis ms) {
  const std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm local{};
  localtime_r(&t, &local);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &local);
  return text;
}

std::string format_score(const std::optional<double>& seconds) { return seconds ? format_seconds(*seconds) : "-"; }

std::string format_sol(const std::optional<double>& fraction) { return fraction ? fmt::format("{:.1f}%", *fraction * 100) : "-"; }

std::string outcome(const Submission& s) { return s.verdict.empty() ? s.status : s.verdict; }

// A problem slug goes into URL paths as it is, so only SET/NAME of plain characters is accepted.
std::string problem_path(const std::string& slug) {
  const auto slash = slug.find('/');
  const bool plain = std::all_of(slug.begin(), slug.end(), [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '/'; });
  if (!plain || slash == std::string::npos || slash == 0 || slash + 1 == slug.size() || slug.find('/', slash + 1) != std::string::npos)
    throw std::invalid_argument(fmt::format("'{}' is not a problem (SET/NAME, e.g. cpu/vector-sum; `podium problems` lists them)", slug));
  return "/api/v1/problems/" + slug;
}

// Exit code of a finished submission: accepted 0, not accepted 1, could not be judged 2.
int exit_code_of(const Submission& s) {
  if (s.verdict == "accepted") return 0;
  if (s.verdict.empty() || s.verdict == "internal_error" || s.status == "failed") return 2;
  return 1;
}

// The runs' reports as `podium eval` prints them, then one line for the submission.
void print_runs(const SubmissionPage& page, bool verbose) {
  for (const auto& run : page.runs) {
    fmt::print("\n── {} ──\n", run.phase);
    const auto report = nlohmann::json::parse(run.report_json, nullptr, false);
    try {
      fmt::print("{}", render_report(report.get<EvalReport>(), verbose));
    } catch (const nlohmann::json::exception&) {
      fmt::print("verdict: {}{}{}\n", run.verdict, run.message.empty() ? "" : ": ", run.message);
    }
  }
  const auto& s = page.submission;
  std::string line = fmt::format("\nsubmission {}: {}", s.id, outcome(s));
  if (page.runs.empty() && !s.message.empty()) line += ": " + s.message;
  if (s.score_seconds) line += fmt::format(" · score {}", format_seconds(*s.score_seconds));
  if (s.sol_fraction) line += fmt::format(" · {} of speed of light", format_sol(s.sol_fraction));
  if (s.counts) line += " · on the leaderboard";
  fmt::print("{}\n", line);
}

SubmissionPage fetch_submission(HttpClient& client, int64_t id) {
  return client.get_json(fmt::format("/api/v1/submissions/{}", id)).get<SubmissionPage>();
}

// ---- login ---------------------------------------------------------------------------------------

int run_login(const ConnectionArgs& args) {
  const ClientConfig config = resolve(args);
  require_token(config);
  HttpClient client(config.server, config.token);
  const User me = client.get_json("/api/v1/me").get<User>();
  save_client_config(config);
  if (args.json) {
    print_json({{"server", config.server}, {"user", me.name}, {"role", role_name(me.role)}, {"config", client_config_path().string()}});
  } else {
    fmt::print("logged in to {} as {} ({}); saved in {}\n", config.server, me.name, role_name(me.role), client_config_path().string());
  }
  return 0;
}

// ---- submit --------------------------------------------------------------------------------------

struct SubmitArgs {
  ConnectionArgs connection;
  std::string file;
  std::string problem;
  std::string gpu;
  std::string mode = "leaderboard";
  std::string note;
  bool no_wait = false;
};

// Follows the submission's events until it is finished. A stream that breaks or ends early is
// opened again (the server may have restarted); the submission's own status says when it is over.
void follow(HttpClient& client, int64_t id, ProgressDisplay& display) {
  const std::string path = fmt::format("/api/v1/submissions/{}/events", id);
  auto last_contact = Clock::now();
  bool told_lost = false;
  for (;;) {
    bool done = false;
    std::optional<HttpResponse> refusal;
    try {
      client.stream_events(path, [&](const SseEvent& e) {
        last_contact = Clock::now();
        if (told_lost) {
          display.note("reconnected");
          told_lost = false;
        }
        // An event of an unexpected shape is skipped: the submission's own record decides the end.
        const auto data = nlohmann::json::parse(e.data, nullptr, false);
        if (!data.is_object()) return true;
        try {
          if (e.event == "status") {
            const auto status = data.get<StatusEvent>();
            display.status(status.status, status.queue_position);
          } else if (e.event == "progress") {
            display.progress(data);
          } else if (e.event == "done") {
            done = true;
            return false;
          } else if (e.event == "error") {
            refusal = HttpResponse{data.at("error").at("status").get<int>(), e.data};
            return false;
          }
        } catch (const nlohmann::json::exception&) {
        }
        return true;
      });
      // The server could not go on with the stream: its reason, as for any refused request.
      if (refusal) expect_success(*refusal);
      if (done) return;
      const auto s = fetch_submission(client, id).submission;
      if (s.status == "done" || s.status == "failed") return;
    } catch (const ConnectionError& e) {
      if (Clock::now() - last_contact > kReconnectPatience)
        throw ConnectionError(fmt::format("{} (submission {} is in the queue; `podium show {}` shows it later)", e.what(), id, id));
      if (!told_lost) display.note("lost the connection to the server; reconnecting...");
      told_lost = true;
    }
    std::this_thread::sleep_for(1s);
  }
}

int run_submit(const SubmitArgs& args) {
  if (!fs::is_regular_file(args.file)) throw std::invalid_argument(fmt::format("solution file '{}' not found", args.file));
  problem_path(args.problem);
  const ClientConfig config = resolve(args.connection);
  require_token(config);
  HttpClient client(config.server, config.token);
  SubmitRequest request;
  request.problem = args.problem;
  request.code = read_text_file(args.file);
  request.file_name = fs::path(args.file).filename().string();
  request.mode = args.mode;
  request.gpu = args.gpu;
  request.note = args.note;
  const auto reply = client.post_json("/api/v1/submissions", request).get<SubmitReply>();
  const auto& s = reply.submission;
  if (args.no_wait) {
    if (args.connection.json) {
      print_json(reply);
    } else {
      fmt::print("submission {} queued at position {}: {} · {} · {} (`podium show {}` shows it)\n", s.id, reply.queue_position,
                 s.problem_slug, s.mode, s.gpu, s.id);
    }
    return 0;
  }
  // People see progress on stdout; with --json it goes to stderr when that is a terminal, so that
  // stdout stays JSON.
  std::FILE* out = args.connection.json ? (isatty(2) ? stderr : nullptr) : stdout;
  if (!args.connection.json) fmt::print("submission {}: {} · {} · {}\n", s.id, s.problem_slug, s.mode, s.gpu);
  std::fflush(stdout);
  ProgressDisplay display(out, out && isatty(fileno(out)));
  follow(client, s.id, display);
  display.finish();
  const SubmissionPage page = fetch_submission(client, s.id);
  if (args.connection.json) {
    print_json(page);
  } else {
    print_runs(page, false);
  }
  return exit_code_of(page.submission);
}

// ---- leaderboard, history, show, problems, template ------------------------------------------------

int run_leaderboard(const ConnectionArgs& args, const std::string& problem, const std::string& gpu, int limit) {
  const ClientConfig config = resolve(args);
  HttpClient client(config.server, config.token);
  std::string path = fmt::format("{}/leaderboard?limit={}", problem_path(problem), limit);
  if (!gpu.empty()) path += "&gpu=" + url_encode(gpu);
  const auto j = client.get_json(path);
  if (args.json) {
    print_json(j);
    return 0;
  }
  const auto board = j.get<Leaderboard>();
  fmt::print("{} on {} (score: {} of the ranked cases' times)\n", board.problem, board.gpu, board.ranking);
  if (board.entries.empty()) {
    fmt::print("no passing leaderboard submissions yet\n");
    return 0;
  }
  std::vector<std::vector<std::string>> rows{{"rank", "user", "score", "% SoL", "submission", "submitted"}};
  for (const auto& e : board.entries)
    rows.push_back({std::to_string(e.rank), e.user, format_seconds(e.score_seconds), format_sol(e.sol_fraction), std::to_string(e.submission),
                    format_time(e.submitted_at)});
  fmt::print("{}", render_table(rows));
  return 0;
}

int run_history(const ConnectionArgs& args, const std::string& problem, int limit) {
  const ClientConfig config = resolve(args);
  require_token(config);
  HttpClient client(config.server, config.token);
  const User me = client.get_json("/api/v1/me").get<User>();
  std::string path = fmt::format("/api/v1/submissions?user={}&limit={}", url_encode(me.name), limit);
  if (!problem.empty()) {
    problem_path(problem);
    path += "&problem=" + url_encode(problem);
  }
  const auto j = client.get_json(path);
  if (args.json) {
    print_json(j);
    return 0;
  }
  const auto list = j.get<std::vector<Submission>>();
  if (list.empty()) {
    fmt::print("no submissions yet\n");
    return 0;
  }
  std::vector<std::vector<std::string>> rows{{"id", "time", "problem", "mode", "gpu", "verdict", "score", "% SoL", "note"}};
  for (const auto& s : list)
    rows.push_back({std::to_string(s.id), format_time(s.created_at), s.problem_slug, s.mode, s.gpu, outcome(s), format_score(s.score_seconds),
                    format_sol(s.sol_fraction), s.note});
  fmt::print("{}", render_table(rows));
  return 0;
}

int run_show(const ConnectionArgs& args, int64_t id, bool code) {
  const ClientConfig config = resolve(args);
  require_token(config);
  HttpClient client(config.server, config.token);
  const auto j = client.get_json(fmt::format("/api/v1/submissions/{}", id));
  if (args.json) {
    print_json(j);
    return 0;
  }
  const auto page = j.get<SubmissionPage>();
  const auto& s = page.submission;
  fmt::print("submission {} by {} · {} (version {}) · {} · {} · {}\n", s.id, s.user_name, s.problem_slug, s.problem_version, s.mode, s.gpu,
             format_time(s.created_at));
  fmt::print("file: {}{}\nstatus: {}\n", s.file_name, s.note.empty() ? "" : fmt::format(" · note: {}", s.note), s.status);
  print_runs(page, true);
  if (code) {
    if (page.code) {
      fmt::print("\n── {} ──\n{}{}", s.file_name, *page.code, page.code->ends_with('\n') ? "" : "\n");
    } else {
      fmt::print(stderr, "the code is not visible to you (it becomes public after the problem's deadline)\n");
    }
  }
  return 0;
}

int run_problems(const ConnectionArgs& args) {
  const ClientConfig config = resolve(args);
  HttpClient client(config.server, config.token);
  const auto j = client.get_json("/api/v1/problems");
  if (args.json) {
    print_json(j);
    return 0;
  }
  std::vector<std::vector<std::string>> rows{{"problem", "title", "backend", "gpus", "ranking", "competitors", "deadline"}};
  for (const auto& p : j.get<std::vector<ProblemSummary>>())
    rows.push_back({p.slug, p.title, p.backend, fmt::format("{}", fmt::join(p.gpus, ",")), p.ranking, std::to_string(p.competitors),
                    p.deadline ? format_time(*p.deadline) : "-"});
  fmt::print("{}", render_table(rows));
  return 0;
}

int run_template(const ConnectionArgs& args, const std::string& problem, const std::string& output) {
  const ClientConfig config = resolve(args);
  HttpClient client(config.server, config.token);
  const std::string text = expect_success(client.get(problem_path(problem) + "/template")).body;
  if (!output.empty()) {
    write_file_atomically(output, text);
    if (args.json) {
      print_json({{"problem", problem}, {"file", output}});
    } else {
      fmt::print("wrote {}\n", output);
    }
  } else if (args.json) {
    print_json({{"problem", problem}, {"template", text}});
  } else {
    fmt::print("{}", text);
  }
  return 0;
}

// ---- worker --------------------------------------------------------------------------------------

struct WorkerArgs {
  ConnectionArgs connection;
  std::string name;
  std::vector<std::string> gpus;
  bool once = false;
};

int run_worker_command(const WorkerArgs& args) {
  const ClientConfig config = resolve(args.connection);
  require_token(config);
  WorkerOptions options;
  options.server = config.server;
  options.token = config.token;
  options.name = args.name;
  options.gpus = args.gpus;
  options.once = args.once;
  options.compiler = default_compiler_config();
  run_worker(options);
  return 0;
}

}  // namespace

void add_client_commands(CLI::App& app) {
  {
    auto args = std::make_shared<ConnectionArgs>();
    auto* cmd = app.add_subcommand("login", "Check a token against a server and save both for the other client commands");
    add_connection_options(cmd, *args);
    cmd->callback([args] { run_command([&] { return run_login(*args); }); });
  }
  {
    auto args = std::make_shared<SubmitArgs>();
    auto* cmd = app.add_subcommand("submit", "Submit a solution and follow it live until its verdict");
    cmd->add_option("file", args->file, "Solution source file (.cu or .cpp)")->required();
    cmd->add_option("-p,--problem", args->problem, "Problem, SET/NAME (podium problems lists them)")->required();
    cmd->add_option("--gpu", args->gpu, "GPU model to run on (default: cpu for CPU problems, the server's default GPU otherwise)");
    cmd->add_option("--mode", args->mode,
                    "test: the test cases; benchmark: also time the benchmark cases; leaderboard: also the ranked cases, and "
                    "it counts on the leaderboard")
        ->check(CLI::IsMember({"test", "benchmark", "leaderboard"}))
        ->default_val("leaderboard");
    cmd->add_option("--note", args->note, "What changed since your last try (shown in podium history)");
    cmd->add_flag("--no-wait", args->no_wait, "Print the submission's id and return without waiting for its verdict");
    add_connection_options(cmd, args->connection);
    cmd->callback([args] { run_command([&] { return run_submit(*args); }); });
  }
  {
    auto args = std::make_shared<ConnectionArgs>();
    auto problem = std::make_shared<std::string>();
    auto gpu = std::make_shared<std::string>();
    auto limit = std::make_shared<int>(100);
    auto* cmd = app.add_subcommand("leaderboard", "A problem's leaderboard on one GPU model");
    cmd->add_option("problem", *problem, "Problem, SET/NAME")->required();
    cmd->add_option("--gpu", *gpu, "GPU model (default: the problem's first)");
    cmd->add_option("--limit", *limit, "Entries to show")->default_val(100);
    add_connection_options(cmd, *args);
    cmd->callback([=] { run_command([&] { return run_leaderboard(*args, *problem, *gpu, *limit); }); });
  }
  {
    auto args = std::make_shared<ConnectionArgs>();
    auto problem = std::make_shared<std::string>();
    auto limit = std::make_shared<int>(50);
    auto* cmd = app.add_subcommand("history", "Your submissions, newest first: time, problem, mode, verdict, score, note");
    cmd->add_option("-p,--problem", *problem, "Only this problem");
    cmd->add_option("--limit", *limit, "Submissions to show")->default_val(50);
    add_connection_options(cmd, *args);
    cmd->callback([=] { run_command([&] { return run_history(*args, *problem, *limit); }); });
  }
  {
    auto args = std::make_shared<ConnectionArgs>();
    auto id = std::make_shared<int64_t>(0);
    auto code = std::make_shared<bool>(false);
    auto* cmd = app.add_subcommand("show", "One submission: per-case results and compiler output");
    cmd->add_option("id", *id, "Submission id")->required();
    cmd->add_flag("--code", *code, "Also print the submitted code");
    add_connection_options(cmd, *args);
    cmd->callback([=] { run_command([&] { return run_show(*args, *id, *code); }); });
  }
  {
    auto args = std::make_shared<ConnectionArgs>();
    auto* cmd = app.add_subcommand("problems", "The problems the server judges");
    add_connection_options(cmd, *args);
    cmd->callback([=] { run_command([&] { return run_problems(*args); }); });
  }
  {
    auto args = std::make_shared<ConnectionArgs>();
    auto problem = std::make_shared<std::string>();
    auto output = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand("template", "A problem's starting file");
    cmd->add_option("problem", *problem, "Problem, SET/NAME")->required();
    cmd->add_option("-o,--output", *output, "Write it to this file instead of printing it");
    add_connection_options(cmd, *args);
    cmd->callback([=] { run_command([&] { return run_template(*args, *problem, *output); }); });
  }
  {
    auto args = std::make_shared<WorkerArgs>();
    auto* cmd = app.add_subcommand("worker", "Run jobs for a server on this host's CPU and GPU");
    cmd->add_option("--name", args->name, "Name the server lists this worker by (default: the host name)");
    cmd->add_option("--gpu", args->gpus, "GPU model to lease jobs for, repeatable (default: cpu and the detected GPU)");
    cmd->add_flag("--once", args->once, "Run one job, then exit");
    add_connection_options(cmd, args->connection, false);
    cmd->callback([args] { run_command([&] { return run_worker_command(*args); }); });
  }
}

}  // namespace podium
