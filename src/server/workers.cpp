// The worker protocol: lease a job, heartbeat while it runs, post progress, post the result once.
// Every call after the lease quotes the lease id; the store refuses (409) a lease that is no longer
// current, so a worker that lost its job cannot touch it. The result's verdict and score are derived
// here (scoring.hpp), never taken from the worker.
#include <fmt/format.h>

#include "server/auth.hpp"
#include "server/handlers.hpp"
#include "server/scoring.hpp"

namespace podium {

using json = nlohmann::json;

namespace {

Job job_of(Call& call) {
  const int64_t id = call.path_id(1, "job");
  const auto job = call.store.find_job(id);
  if (!job) throw ApiError(404, "not_found", fmt::format("no job {}", id));
  return *job;
}

ApiError lease_lost(const Job& job, const std::string& lease_id) {
  return ApiError(409, "conflict", fmt::format("lease '{}' of job {} is no longer current (it expired and the job went back to "
                                               "the queue, or the job has finished): drop the job",
                                               lease_id, job.id));
}

}  // namespace

void lease_job(Call& call) {
  call.user_who(may_run_jobs, "only workers lease jobs");
  const auto req = call.body_as<LeaseRequest>();
  if (req.worker.empty()) throw ApiError(400, "bad_request", "field 'worker' is empty; name the worker");
  if (req.gpus.empty() && req.unhealthy.empty())
    throw ApiError(400, "bad_request", "field 'gpus' is empty; list the models this worker runs (\"cpu\" for the CPU)");
  call.server.workers.seen(req.worker, req.gpus, req.unhealthy, call.now);
  // A worker whose every GPU is out of service still says so, and gets nothing.
  if (req.gpus.empty()) {
    call.response.status = 204;
    return;
  }
  const Millis lease_ms = call.server.options.lease_ms;
  const auto job = call.store.lease_job(req.gpus, req.worker, call.now, lease_ms);
  if (!job) {
    call.response.status = 204;
    return;
  }
  const auto submission = call.store.find_submission(job->submission_id);
  const auto problem = submission ? call.store.find_problem(submission->problem_id) : std::nullopt;
  const auto version = problem ? call.store.problem_version(problem->id, submission->problem_version) : std::nullopt;
  const auto code = submission ? call.store.code(submission->code_hash) : std::nullopt;
  if (!version || !code) throw std::runtime_error(fmt::format("job {}: its submission, problem version or code is missing from the store", job->id));

  Lease lease;
  lease.job_id = job->id;
  lease.lease_id = job->lease_id;
  lease.lease_ms = lease_ms;
  lease.attempt = job->attempts + 1;
  lease.submission_id = submission->id;
  lease.mode = submission->mode;
  lease.gpu = submission->gpu;
  lease.file_name = submission->file_name;
  lease.code = *code;
  lease.problem_slug = problem->slug;
  lease.problem_version = version->version;
  lease.problem_hash = version->hash;
  lease.problem_files = json::parse(version->files_json).get<std::map<std::string, std::string>>();
  if (submission->mode == "leaderboard") lease.secret_seed = problem->secret_seed;
  call.reply(200, lease);
}

void heartbeat_job(Call& call) {
  call.user_who(may_run_jobs, "only workers heartbeat");
  const auto job = job_of(call);
  const auto lease_id = required_field<std::string>(call.body(), "lease_id");
  const Millis lease_ms = call.server.options.lease_ms;
  if (!call.store.heartbeat(job.id, lease_id, call.now, lease_ms)) throw lease_lost(job, lease_id);
  call.server.workers.seen(job.worker, call.now);
  call.reply(200, {{"lease_ms", lease_ms}});
}

void post_job_progress(Call& call) {
  call.user_who(may_run_jobs, "only workers post progress");
  const auto job = job_of(call);
  const auto body = call.body();
  const auto lease_id = required_field<std::string>(body, "lease_id");
  const auto event = required_field<json>(body, "event");
  if (!call.store.post_progress(job.id, lease_id, event.dump())) throw lease_lost(job, lease_id);
  call.reply(200, json::object());
}

void post_job_result(Call& call) {
  call.user_who(may_run_jobs, "only workers post results");
  const auto job = job_of(call);
  const auto post = call.body_as<JobResultPost>();
  const auto submission = call.submission(job.submission_id);
  const auto problem = call.store.find_problem(submission.problem_id);
  const RankingRule rule = parse_ranking_rule(problem ? problem->ranking : "").value_or(RankingRule::geomean);
  JobResult result;
  try {
    result = score_job(submission.mode, rule, post.runs);
  } catch (const std::invalid_argument& e) {
    throw ApiError(400, "bad_request", fmt::format("job {}: {}", job.id, e.what()));
  }
  if (!call.store.finish_job(job.id, post.lease_id, result, call.now)) throw lease_lost(job, post.lease_id);
  call.reply(200, {{"submission", call.submission(submission.id)}});
}

}  // namespace podium
