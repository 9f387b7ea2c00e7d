// podium worker: the loop that turns queued submissions into results on one host. It leases a job
// from the server (POST /api/v1/worker/lease, docs/api.md), writes the problem's files into a cache
// keyed by the problem's hash and the code into a directory of its own, runs the phases of the
// submission's mode through evaluate(), streams progress, heartbeats, and posts one result.
//
// While the current job is evaluated, a second thread leases the next job and compiles its reference
// and solution into the compile cache (a prefetch slot of one), so the GPU never waits for a
// compiler; evaluate() then finds both builds cached. Both leases are kept alive by a heartbeat
// thread (every lease_ms / 3). A heartbeat or progress post answered with 409 means the server gave
// the job to someone else: the worker finishes the phase it is in (an evaluation cannot be cut
// short), skips the others and posts nothing. When the server cannot be reached the worker logs it
// and retries with backoff; it never exits for that.
//
// Before it leases a job for its GPU, the worker checks the GPU's health (gpu_health.hpp); while the
// GPU is unhealthy it leases only CPU jobs and tells the server why in each lease request.
//
// The worker process never initializes CUDA: the GPU's name is read by a probe process
// (probe_device in evaluate.hpp).
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/report.hpp"
#include "runner/compiler.hpp"
#include "runner/evaluate.hpp"

namespace podium {

struct WorkerOptions {
  std::string server;             // http://HOST:PORT
  std::string token;              // a token of a user with the worker (or admin) role
  std::string name;               // how the server lists this worker; empty: the host name
  std::vector<std::string> gpus;  // the GPU models to lease jobs for; empty: detect_gpus()
  bool once = false;              // run one job, then return (no prefetching)
  CompilerConfig compiler;        // the problem cache lives beside the compile cache: compiler.cache_dir/problems
};

// What this host can run: "cpu", and the CUDA GPU's model as the GPU catalogue names it ("H100")
// when the CUDA backend can run here (decided by probe_device).
std::vector<std::string> detect_gpus();

// The phases a submission's mode runs, in order: test -> {test}; benchmark -> {test, benchmark};
// leaderboard -> {test, benchmark, ranked}. Throws std::invalid_argument for any other mode.
std::vector<Mode> phases_of_mode(std::string_view submission_mode);

struct PhaseRun {
  Mode phase = Mode::test;
  EvalReport report;
};

// Evaluates a solution phase by phase and stops after the first phase that is not accepted (or when
// `keep_going` says no before a phase). The ranked phase gets the secret seed. `progress` receives
// each evaluator event with "phase", "phase_index" (from 1) and "phases" added; a case_done event
// carries "set", "index", "of", "name", "passed", "message" and, for timed cases, "mean_seconds"
// instead of the whole case result. An evaluation that cannot run at all (a broken problem, a
// backend this host lacks) ends as an internal_error report that says why.
std::vector<PhaseRun> run_phases(const Problem& problem, const std::filesystem::path& solution_file,
                                 std::string_view submission_mode, std::optional<uint64_t> secret_seed,
                                 const CompilerConfig& compiler, const ProgressFn& progress = {},
                                 const std::function<bool()>& keep_going = {});

// The problem's files ({"problem.yaml": "...", "reference.cpp": "...", ...}, as a lease carries them)
// in root/HASH/, written there unless they already are: into a temporary directory first, then
// renamed into place, so neither a crash nor a second worker leaves a half-written problem. Throws
// for a hash that is not hexadecimal or a file name that would leave the directory.
std::filesystem::path materialize_problem(const std::filesystem::path& root, const std::string& hash,
                                          const nlohmann::json& files);

// Leases, evaluates and reports jobs until the process ends (or after one job with `once`). Throws
// ServerError when the server refuses the token (401, 403): that needs a person, not a retry.
void run_worker(const WorkerOptions& options);

}  // namespace podium
