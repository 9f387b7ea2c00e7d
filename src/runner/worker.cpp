// The worker loop. See worker.hpp.
//
// Three threads share the work. The main thread evaluates the current job, posts its progress and
// its result. The prefetch thread, while that evaluation runs, leases the next job, writes its files
// and compiles it into the compile cache. The heartbeat thread renews every lease this process holds.
// Each thread has its own HTTP client (cpp-httplib's is not thread-safe). A job's `lost` flag, set by
// whichever thread hears 409 first, is the only state they share about a job.
#include "runner/worker.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <exception>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "core/sol.hpp"
#include "eval/backend.hpp"
#include "runner/gpu_health.hpp"
#include "runner/http_client.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace podium {
namespace {

// How long to wait after "nothing queued" before asking again, and the backoff while the server
// cannot be reached (doubling from the first to the last).
constexpr auto kIdlePoll = 250ms;
constexpr auto kRetryFirst = 500ms;
constexpr auto kRetryMax = 5s;
// case_start events are posted at most this often (a problem with hundreds of tiny cases would
// otherwise post hundreds a second); compiling and case_done events are always posted, so the last
// state the server shows is never one that has passed.
constexpr auto kProgressInterval = 100ms;

// One line on stderr, stamped with the local time; lines from different threads never interleave.
void log_line(const std::string& text) {
  static std::mutex mutex;
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &local);
  std::lock_guard lock(mutex);
  fmt::print(stderr, "{} {}\n", stamp, text);
  std::fflush(stderr);
}

// The message of the error a response carries ("lease is not current (HTTP 409)").
std::string refusal(const HttpResponse& response) {
  try {
    expect_success(response);
  } catch (const ServerError& e) {
    return e.what();
  }
  return fmt::format("HTTP {}", response.status);
}

// Sleeps for `duration`, waking early when `stop` is set.
void sleep_unless(const std::atomic<bool>& stop, std::chrono::milliseconds duration) {
  const auto until = Clock::now() + duration;
  while (!stop && Clock::now() < until) std::this_thread::sleep_for(std::min<Clock::duration>(20ms, until - Clock::now()));
}

EvalReport internal_error_report(const std::string& problem, Mode phase, const std::string& solution, const std::string& why) {
  EvalReport report;
  report.problem = problem;
  report.mode = std::string(mode_name(phase));
  report.solution = solution;
  report.verdict = Verdict::internal_error;
  report.message = why;
  return report;
}

// The submission's own file name when it is a plain one ("sum.cpp"), since diagnostics quote it;
// otherwise the backend's default name.
std::string solution_file_name(const std::string& given, BackendKind backend) {
  const bool plain = !given.empty() && given.size() <= 128 && given[0] != '.' &&
                     std::all_of(given.begin(), given.end(), [](unsigned char c) {
                       return std::isalnum(c) || c == '.' || c == '_' || c == '-';
                     });
  if (plain) return given;
  return backend == BackendKind::cuda ? "solution.cu" : "solution.cpp";
}


// A leased job, as the lease answer describes it, and what the worker prepared for it.
struct LeasedJob {
  int64_t id = 0;
  std::string lease_id;
  int lease_ms = 0;
  int attempt = 1;
  int64_t submission_id = 0;
  std::string mode;
  std::string gpu;  // the model it runs on ("cpu" for the CPU)
  std::string file_name;
  std::string code;
  std::string problem_slug;
  std::string problem_hash;
  nlohmann::json problem_files;
  std::optional<uint64_t> secret_seed;
  std::shared_ptr<std::atomic<bool>> lost = std::make_shared<std::atomic<bool>>(false);

  // Filled by Worker::prepare.
  std::optional<Problem> problem;
  fs::path job_dir;
  fs::path solution_file;
  std::string failure;  // why the job could not be prepared; reported as an internal_error
};

// The lease answer of docs/api.md; throws for a missing or mistyped field. The server writes it with
// server/json.hpp's Lease, which this layer cannot use (runner sits below server): the fields here are
// those, one for one.
LeasedJob parse_job(const nlohmann::json& answer) {
  LeasedJob job;
  const auto& j = answer.at("job");
  job.id = j.at("id").get<int64_t>();
  job.lease_id = j.at("lease_id").get<std::string>();
  job.lease_ms = j.at("lease_ms").get<int>();
  job.attempt = j.value("attempt", 1);
  const auto& s = answer.at("submission");
  job.submission_id = s.at("id").get<int64_t>();
  job.mode = s.at("mode").get<std::string>();
  job.gpu = s.value("gpu", "");
  job.file_name = s.value("file_name", "");
  job.code = s.at("code").get<std::string>();
  const auto& p = answer.at("problem");
  job.problem_slug = p.at("slug").get<std::string>();
  job.problem_hash = p.at("hash").get<std::string>();
  job.problem_files = p.at("files");
  if (answer.contains("secret_seed") && !answer["secret_seed"].is_null()) {
    const auto& seed = answer["secret_seed"];
    job.secret_seed = seed.is_string() ? std::stoull(seed.get<std::string>()) : seed.get<uint64_t>();
  }
  return job;
}

// Says once when the server stops answering and once when it answers again, whichever thread
// notices, so that an outage is two log lines (and a reminder a minute), not one per retry.
class Reachability {
 public:
  void failed(const std::string& reason) {
    std::lock_guard lock(mutex_);
    const auto now = Clock::now();
    if (!down_) {
      down_ = true;
      since_ = last_said_ = now;
      log_line(reason + " (retrying until it answers)");
    } else if (now - last_said_ > 60s) {
      last_said_ = now;
      log_line(fmt::format("{} (for {:.0f} s now; still retrying)", reason, std::chrono::duration<double>(now - since_).count()));
    }
  }
  void succeeded() {
    std::lock_guard lock(mutex_);
    if (!down_) return;
    down_ = false;
    log_line(fmt::format("the server answers again (after {:.0f} s)", std::chrono::duration<double>(Clock::now() - since_).count()));
  }

 private:
  std::mutex mutex_;
  bool down_ = false;
  Clock::time_point since_, last_said_;
};

// Marks a job's lease as lost (once) and says so.
void abandon(int64_t job_id, std::atomic<bool>& lost, const std::string& why) {
  if (!lost.exchange(true)) log_line(fmt::format("job {}: {}; abandoning it (its result will not be posted)", job_id, why));
}

// Renews every lease this process holds, each every lease_ms / 3, on a thread of its own.
class Heartbeats {
 public:
  Heartbeats(const WorkerOptions& options, Reachability& reachability)
      : client_(options.server, options.token), reachability_(reachability), thread_([this] { loop(); }) {}

  ~Heartbeats() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }

  void add(const LeasedJob& job) {
    {
      std::lock_guard lock(mutex_);
      const auto interval = std::chrono::milliseconds(std::max(job.lease_ms / 3, 50));
      entries_[job.id] = Entry{job.id, job.lease_id, job.lost, interval, Clock::now() + interval};
    }
    wake_.notify_all();
  }

  void remove(int64_t job_id) {
    std::lock_guard lock(mutex_);
    entries_.erase(job_id);
  }

 private:
  struct Entry {
    int64_t job_id = 0;
    std::string lease_id;
    std::shared_ptr<std::atomic<bool>> lost;  // shared with the LeasedJob
    std::chrono::milliseconds interval;
    Clock::time_point due;
  };

  void loop() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      if (entries_.empty()) {
        wake_.wait(lock);
        continue;
      }
      auto next = Clock::time_point::max();
      for (const auto& [id, entry] : entries_) next = std::min(next, entry.due);
      if (Clock::now() < next) {
        wake_.wait_until(lock, next);
        continue;
      }
      std::vector<Entry> due;
      for (auto& [id, entry] : entries_) {
        if (entry.due > Clock::now()) continue;
        entry.due = Clock::now() + entry.interval;
        due.push_back(entry);
      }
      lock.unlock();
      for (const auto& entry : due) beat(entry);
      lock.lock();
    }
  }

  void beat(const Entry& entry) {
    try {
      const auto r = client_.post(fmt::format("/api/v1/worker/jobs/{}/heartbeat", entry.job_id), {{"lease_id", entry.lease_id}});
      reachability_.succeeded();
      if (r.status == 409) {
        abandon(entry.job_id, *entry.lost, "the server took the lease back (" + refusal(r) + ")");
        remove(entry.job_id);
      } else if (r.status >= 400) {
        log_line(fmt::format("job {}: heartbeat refused: {}", entry.job_id, refusal(r)));
      } else if (const auto j = nlohmann::json::parse(r.body, nullptr, false); j.is_object() && j.contains("lease_ms")) {
        std::lock_guard lock(mutex_);
        if (auto it = entries_.find(entry.job_id); it != entries_.end())
          it->second.interval = std::chrono::milliseconds(std::max(j["lease_ms"].get<int>() / 3, 50));
      }
    } catch (const ConnectionError& e) {
      reachability_.failed(e.what());
    }
  }

  HttpClient client_;
  Reachability& reachability_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::map<int64_t, Entry> entries_;
  bool stopping_ = false;
  std::thread thread_;  // last: it starts once everything it uses exists
};

// The GPU models this worker leases jobs for, kept out of service while the GPU is unhealthy
// (gpu_health.hpp). Only the main thread checks, between jobs, so that a probe never shares the GPU
// with a timed evaluation; the prefetch thread leases with the last state.
class Service {
 public:
  Service(const std::vector<std::string>& models, std::optional<BackendProbe> probe) : models_(models) {
    for (const auto& m : models_)
      if (m != "cpu") gpu_models_.push_back(m);
    if (!gpu_models_.empty()) health_ = std::make_unique<GpuHealth>(std::move(probe));
  }

  // Checks the GPU when a check is due: every kCheckInterval, or at once after a faulting job.
  void check() {
    if (!health_ || (!forced_ && Clock::now() - last_check_ < kCheckInterval)) return;
    forced_ = false;
    last_check_ = Clock::now();
    const auto reasons = health_->check();
    std::lock_guard lock(mutex_);
    if (reasons != reasons_) {
      if (reasons.empty()) {
        log_line(fmt::format("GPU {} is back in service", fmt::join(gpu_models_, ", ")));
      } else {
        log_line(fmt::format("GPU {} is out of service, no jobs taken for it: {}", fmt::join(gpu_models_, ", "), fmt::join(reasons, "; ")));
      }
    }
    reasons_ = reasons;
  }

  // After a job on the GPU, NVML is read before the next (it is cheap); a job that faulted the GPU,
  // ran out of time or memory, or crashed also gets the GPU probed.
  void after_job(const std::string& gpu, Verdict verdict) {
    if (!health_ || gpu == "cpu" || gpu.empty()) return;
    forced_ = true;
    if (verdict == Verdict::gpu_fault || verdict == Verdict::time_limit || verdict == Verdict::memory_limit ||
        verdict == Verdict::runtime_error || verdict == Verdict::internal_error)
      health_->probe_after_fault();
  }

  bool in_service(const std::string& gpu) const {
    std::lock_guard lock(mutex_);
    return reasons_.empty() || std::find(gpu_models_.begin(), gpu_models_.end(), gpu) == gpu_models_.end();
  }

  // The lease request: the models in service, and why the others are not.
  nlohmann::json lease_request(const std::string& worker) const {
    std::lock_guard lock(mutex_);
    nlohmann::json request{{"worker", worker}, {"gpus", nlohmann::json::array()}, {"unhealthy", nlohmann::json::object()}};
    for (const auto& m : models_) {
      const bool gpu = m != "cpu";
      if (gpu && !reasons_.empty()) {
        request["unhealthy"][m] = fmt::format("{}", fmt::join(reasons_, "; "));
      } else {
        request["gpus"].push_back(m);
      }
    }
    return request;
  }

 private:
  static constexpr auto kCheckInterval = 5s;
  std::vector<std::string> models_, gpu_models_;
  std::unique_ptr<GpuHealth> health_;
  mutable std::mutex mutex_;
  std::vector<std::string> reasons_;
  Clock::time_point last_check_{};
  bool forced_ = true;  // the first check happens before the first lease
};

class Worker {
 public:
  // `probe`: the CUDA backend's, when it was just probed.
  Worker(WorkerOptions options, std::optional<BackendProbe> probe)
      : options_(std::move(options)),
        problem_root_(options_.compiler.cache_dir / "problems"),
        jobs_root_(options_.compiler.cache_dir / "jobs"),
        service_(options_.gpus, std::move(probe)),
        client_(options_.server, options_.token),
        prefetch_client_(options_.server, options_.token),
        heartbeats_(options_, reachability_) {}

  void run() {
    log_line(fmt::format("worker {} leasing jobs for {} from {}{}", options_.name, fmt::join(options_.gpus, ", "),
                         client_.server(), options_.once ? " (one job)" : ""));
    const std::atomic<bool> never{false};
    std::optional<LeasedJob> next;
    for (;;) {
      service_.check();
      if (next && !service_.in_service(next->gpu)) {
        // Leased ahead while the GPU was still in service: another worker gets it when its lease expires.
        log_line(fmt::format("job {} (submission {}): the GPU went out of service; leaving the job to another worker (its lease "
                             "expires within {} s)",
                             next->id, next->submission_id, next->lease_ms / 1000 + 1));
        heartbeats_.remove(next->id);
        if (!next->job_dir.empty()) {
          std::error_code ignored;
          fs::remove_all(next->job_dir, ignored);
        }
        next.reset();
      }
      LeasedJob job = next ? std::move(*next) : std::move(*lease_until(client_, never, true));
      next.reset();
      std::atomic<bool> current_done{false};
      std::exception_ptr prefetch_error;
      std::thread prefetcher;
      if (!options_.once) {
        prefetcher = std::thread([&] {
          try {
            next = lease_until(prefetch_client_, current_done, false);
            if (next) prepare(*next, !current_done);
          } catch (...) {
            prefetch_error = std::current_exception();
          }
        });
      }
      execute(job);
      current_done = true;
      if (prefetcher.joinable()) prefetcher.join();
      if (prefetch_error) std::rethrow_exception(prefetch_error);
      if (options_.once) return;
    }
  }

 private:
  // Asks for a job until one comes or `stop` is set; a refused token (401, 403) throws. The main
  // thread (`checks_health`) keeps the GPU's health current while it waits.
  std::optional<LeasedJob> lease_until(HttpClient& client, const std::atomic<bool>& stop, bool checks_health) {
    std::chrono::milliseconds backoff = kRetryFirst;
    while (!stop) {
      if (checks_health) service_.check();
      const nlohmann::json request = service_.lease_request(options_.name);
      HttpResponse answer;
      try {
        answer = client.post("/api/v1/worker/lease", request);
        reachability_.succeeded();
      } catch (const ConnectionError& e) {
        reachability_.failed(e.what());
        sleep_unless(stop, backoff);
        backoff = std::min<std::chrono::milliseconds>(backoff * 2, kRetryMax);
        continue;
      }
      backoff = kRetryFirst;
      if (answer.status == 204) {
        sleep_unless(stop, kIdlePoll);
        continue;
      }
      if (answer.status == 401 || answer.status == 403) expect_success(answer);
      if (answer.status != 200) {
        log_line("leasing a job failed: " + refusal(answer));
        sleep_unless(stop, kRetryMax);
        continue;
      }
      try {
        LeasedJob job = parse_job(nlohmann::json::parse(answer.body));
        heartbeats_.add(job);
        return job;
      } catch (const std::exception& e) {
        log_line(fmt::format("the server's lease answer is not what docs/api.md describes ({}); asking again", e.what()));
        sleep_unless(stop, kRetryMax);
      }
    }
    return std::nullopt;
  }

  // Writes the problem's files and the code, loads the problem, and with `compile_ahead` builds the
  // reference and the solution into the compile cache. A failure is kept in job.failure.
  void prepare(LeasedJob& job, bool compile_ahead) {
    try {
      phases_of_mode(job.mode);
      job.problem = load_problem(materialize_problem(problem_root_, job.problem_hash, job.problem_files));
      job.problem_files = nullptr;
      fs::create_directories(jobs_root_);
      std::string dir = (jobs_root_ / fmt::format("job-{}-XXXXXX", job.id)).string();
      if (!mkdtemp(dir.data())) throw std::runtime_error(fmt::format("cannot create a job directory under {}", jobs_root_.string()));
      job.job_dir = dir;
      job.solution_file = job.job_dir / solution_file_name(job.file_name, job.problem->spec.backend);
      write_file_atomically(job.solution_file, job.code);
    } catch (const std::exception& e) {
      job.failure = fmt::format("worker {} could not prepare the job: {}", options_.name, e.what());
      return;
    }
    if (!compile_ahead) return;
    try {
      const auto& spec = job.problem->spec;
      compile(entry_request(spec, job.problem->file(spec.reference_file), "reference"), options_.compiler);
      compile(entry_request(spec, job.solution_file, "solution"), options_.compiler);
    } catch (const std::exception& e) {
      // evaluate() compiles again and reports what goes wrong there.
      log_line(fmt::format("job {}: compiling ahead failed: {}", job.id, e.what()));
    }
  }

  void execute(LeasedJob& job) {
    const auto start = Clock::now();
    if (!job.problem && job.failure.empty()) prepare(job, false);
    std::vector<PhaseRun> runs;
    if (job.failure.empty()) {
      Clock::time_point last_progress{};
      runs = run_phases(
          *job.problem, job.solution_file, job.mode, job.secret_seed, options_.compiler,
          [&](const nlohmann::json& event) {
            const auto now = Clock::now();
            if (event.value("event", "") == "case_start") {
              if (now - last_progress < kProgressInterval) return;
              last_progress = now;
            }
            post_progress(job, event);
          },
          [&] { return !*job.lost; });
    } else {
      runs.push_back({Mode::test, internal_error_report(job.problem_slug, Mode::test, job.file_name, job.failure)});
    }
    // No runs: the lease was lost before the first phase began.
    const bool posted = !runs.empty() && post_result(job, runs);
    heartbeats_.remove(job.id);
    if (!job.job_dir.empty()) {
      std::error_code ignored;
      fs::remove_all(job.job_dir, ignored);
    }
    std::string outcome = "not run";
    if (!runs.empty()) {
      const auto& last = runs.back().report;
      service_.after_job(job.gpu, last.verdict);
      outcome = std::string(verdict_name(last.verdict));
      if (last.verdict == Verdict::internal_error) outcome += ": " + last.message;
    }
    if (!posted) outcome += " (not posted)";
    log_line(fmt::format("job {} (submission {}{}): {} {}: {} in {:.1f} s", job.id, job.submission_id,
                         job.attempt > 1 ? fmt::format(", attempt {}", job.attempt) : "", job.problem_slug, job.mode, outcome,
                         std::chrono::duration<double>(Clock::now() - start).count()));
  }

  void post_progress(const LeasedJob& job, const nlohmann::json& event) {
    try {
      const auto r = client_.post(fmt::format("/api/v1/worker/jobs/{}/progress", job.id), {{"lease_id", job.lease_id}, {"event", event}});
      reachability_.succeeded();
      if (r.status == 409) abandon(job.id, *job.lost, "the server took the lease back (" + refusal(r) + ")");
    } catch (const ConnectionError& e) {
      // Progress is a courtesy: the result is what must arrive.
      reachability_.failed(e.what());
    }
  }

  // Posts the result until the server takes it, refuses it, or the lease is lost. Returns whether it
  // was recorded.
  bool post_result(const LeasedJob& job, const std::vector<PhaseRun>& runs) {
    nlohmann::json body{{"lease_id", job.lease_id}, {"runs", nlohmann::json::array()}};
    for (const auto& run : runs) body["runs"].push_back({{"phase", mode_name(run.phase)}, {"report", run.report}});
    std::chrono::milliseconds backoff = kRetryFirst;
    const std::atomic<bool>& lost = *job.lost;
    while (!lost) {
      try {
        const auto r = client_.post(fmt::format("/api/v1/worker/jobs/{}/result", job.id), body);
        reachability_.succeeded();
        if (r.status < 300) return true;
        if (r.status == 409) {
          abandon(job.id, *job.lost, "the server did not take the result (" + refusal(r) + ")");
          return false;
        }
        if (r.status < 500) {
          log_line(fmt::format("job {}: the server refused the result: {}", job.id, refusal(r)));
          return false;
        }
        log_line(fmt::format("job {}: posting the result failed: {}; retrying", job.id, refusal(r)));
      } catch (const ConnectionError& e) {
        reachability_.failed(e.what());
      }
      sleep_unless(lost, backoff);
      backoff = std::min<std::chrono::milliseconds>(backoff * 2, kRetryMax);
    }
    return false;
  }

  WorkerOptions options_;
  fs::path problem_root_;
  fs::path jobs_root_;
  Service service_;
  Reachability reachability_;
  HttpClient client_;           // the main thread's
  HttpClient prefetch_client_;  // the prefetch thread's
  Heartbeats heartbeats_;
};

}  // namespace

namespace {

// The models a probe of the CUDA backend finds, and "cpu".
std::vector<std::string> models_of(const BackendProbe& probe) {
  std::vector<std::string> gpus;
  if (probe.device) {
    // Submissions and leaderboards name a GPU by its model ("H100"): the catalogue entry's first match.
    // A card the catalogue does not know goes by its device name.
    const auto entry = find_gpu(probe.device->name);
    gpus.push_back(entry ? (entry->match.empty() ? entry->name : entry->match.front()) : probe.device->name);
  }
  gpus.push_back("cpu");
  return gpus;
}

}  // namespace

std::vector<std::string> detect_gpus() { return models_of(probe_device(BackendKind::cuda)); }

std::vector<Mode> phases_of_mode(std::string_view mode) {
  if (mode == "test") return {Mode::test};
  if (mode == "benchmark") return {Mode::test, Mode::benchmark};
  if (mode == "leaderboard") return {Mode::test, Mode::benchmark, Mode::ranked};
  throw std::invalid_argument(fmt::format("unknown submission mode '{}' (test, benchmark or leaderboard)", mode));
}

std::vector<PhaseRun> run_phases(const Problem& problem, const fs::path& solution_file, std::string_view submission_mode,
                                 std::optional<uint64_t> secret_seed, const CompilerConfig& compiler, const ProgressFn& progress,
                                 const std::function<bool()>& keep_going) {
  const auto phases = phases_of_mode(submission_mode);
  std::vector<PhaseRun> runs;
  for (size_t i = 0; i < phases.size(); ++i) {
    if (keep_going && !keep_going()) break;
    EvaluateRequest request;
    request.solution_file = solution_file;
    request.mode = phases[i];
    if (phases[i] == Mode::ranked) request.secret_seed = secret_seed;
    size_t case_count = 0;  // the "of" of the last case_start, which case_done lacks
    const ProgressFn tell = [&](const nlohmann::json& event) {
      if (!progress) return;
      nlohmann::json e = event;
      e["phase"] = mode_name(phases[i]);
      e["phase_index"] = i + 1;
      e["phases"] = phases.size();
      if (event.value("event", "") == "case_start") case_count = event.value("of", size_t{0});
      if (event.value("event", "") == "case_done") {
        const auto& r = event.at("result");
        e.erase("result");
        for (const char* key : {"set", "index", "name", "passed", "message"}) e[key] = r.at(key);
        e["of"] = case_count;
        if (r.contains("timing")) e["mean_seconds"] = r["timing"]["summary"]["mean"];
      }
      progress(e);
    };
    PhaseRun run{phases[i], {}};
    try {
      run.report = evaluate(problem, request, compiler, tell);
    } catch (const std::exception& e) {
      run.report = internal_error_report(problem.spec.slug, phases[i], solution_file.filename().string(), e.what());
    }
    const bool accepted = run.report.verdict == Verdict::accepted;
    runs.push_back(std::move(run));
    if (!accepted) break;
  }
  return runs;
}

fs::path materialize_problem(const fs::path& root, const std::string& hash, const nlohmann::json& files) {
  if (hash.empty() || hash.size() > 128 || !std::all_of(hash.begin(), hash.end(), [](unsigned char c) { return std::isxdigit(c); }))
    throw std::invalid_argument(fmt::format("problem hash '{}' is not hexadecimal", hash));
  const fs::path dir = root / hash;
  if (fs::is_directory(dir)) return dir;
  if (!files.is_object() || files.empty()) throw std::invalid_argument("the lease carries no problem files");
  fs::create_directories(root);
  std::string temp = (root / fmt::format(".tmp-{}-XXXXXX", hash.substr(0, 16))).string();
  if (!mkdtemp(temp.data())) throw std::runtime_error(fmt::format("cannot create a directory under {}", root.string()));
  try {
    for (const auto& [name, text] : files.items()) {
      const fs::path relative = fs::path(name).lexically_normal();
      if (name.empty() || relative.is_absolute() || relative.empty() || *relative.begin() == ".." || *relative.begin() == ".")
        throw std::invalid_argument(fmt::format("problem file name '{}' leaves the problem's directory", name));
      const fs::path path = fs::path(temp) / relative;
      fs::create_directories(path.parent_path());
      write_file_atomically(path, text.get<std::string>());
    }
  } catch (...) {
    fs::remove_all(temp);
    throw;
  }
  std::error_code ec;
  fs::rename(temp, dir, ec);
  if (ec) {
    // Another worker put the same problem there first; its copy is as good as ours.
    fs::remove_all(temp);
    if (!fs::is_directory(dir)) throw std::runtime_error(fmt::format("cannot create {}: {}", dir.string(), ec.message()));
  }
  return dir;
}

void run_worker(const WorkerOptions& given) {
  WorkerOptions options = given;
  if (options.name.empty()) {
    char host[256] = {};
    gethostname(host, sizeof host - 1);
    options.name = host[0] ? host : "worker";
  }
  // Detected before the first lease; the GPU's health check starts from the same probe.
  std::optional<BackendProbe> probe;
  if (options.gpus.empty()) {
    probe = probe_device(BackendKind::cuda);
    options.gpus = models_of(*probe);
  }
  Worker(std::move(options), std::move(probe)).run();
}

}  // namespace podium
