// Submissions: the checks a new one passes before it is queued (problem, mode, GPU, size, encoding,
// deadline, rate limit, in that order), reading them back, and the admins' rerun and disqualify.
#include <fmt/chrono.h>
#include <fmt/format.h>

#include <ctime>

#include "server/auth.hpp"
#include "server/handlers.hpp"
#include "server/limits.hpp"

namespace podium {

using json = nlohmann::json;

namespace {

constexpr Millis kHour = 3'600'000;

std::string utc_text(Millis at) { return fmt::format("{:%Y-%m-%d %H:%M:%S} UTC", fmt::gmtime(static_cast<std::time_t>(at / 1000))); }

// The request, with a source that is not UTF-8 answered as 422 naming the first bad byte. JSON text
// must be UTF-8, so bytes that are not cannot even parse: they are marked (limits.hpp) and found again.
SubmitRequest read_submit_request(const Call& call) {
  const auto& body = call.request.body;
  const size_t bad = invalid_utf8_at(body);
  if (bad == std::string::npos) return call.body_as<SubmitRequest>();
  const auto marked = json::parse(mark_invalid_utf8(body), nullptr, false);
  if (marked.is_object() && marked.contains("code") && marked["code"].is_string()) {
    const auto at = marked["code"].get<std::string>().find(kInvalidByteMark);
    if (at != std::string::npos)
      throw ApiError(422, "bad_encoding", fmt::format("the source is not valid UTF-8: byte {} (counted from 0) is not part of a UTF-8 character", at));
  }
  throw ApiError(422, "bad_encoding", fmt::format("the request is not valid UTF-8 at byte {}", bad));
}

void check_rate_limit(Call& call, const User& user, const ProblemRecord& problem) {
  const int limit = call.server.options.rate_limit_per_hour;
  if (limit <= 0 || exempt_from_rate_limit(user)) return;
  if (call.store.count_submissions(user.id, problem.id, call.now - kHour) < limit) return;
  // The limit-th newest submission leaving the hour's window makes room for one more.
  SubmissionFilter recent;
  recent.user_id = user.id;
  recent.problem_id = problem.id;
  recent.limit = limit;
  const auto newest = call.store.list_submissions(recent);
  const Millis free_at = (newest.empty() ? call.now : newest.back().created_at) + kHour;
  const int seconds = static_cast<int>(std::max<Millis>(1, (free_at - call.now + 999) / 1000));
  ApiError e(429, "rate_limited",
             fmt::format("{} submissions to {} per hour is the limit; the next is possible in {} s", limit, problem.slug, seconds));
  e.retry_after_seconds = seconds;
  throw e;
}

int queue_position_of(Store& store, int64_t submission_id) {
  const auto job = store.job_for_submission(submission_id);
  return job && job->state == JobState::queued ? store.queue_position(job->id) : 0;
}

// Ranked cases' seeds derive from the problem's secret seed: competitors see 0 in their place, so
// that no report helps rebuild the secret inputs.
void hide_ranked_seeds(Run& run) {
  if (run.phase != "ranked") return;
  auto report = json::parse(run.report_json, nullptr, false);
  if (!report.is_object() || !report.contains("cases")) return;
  for (auto& c : report["cases"]) c["seed"] = 0;
  run.report_json = report.dump();
}

}  // namespace

void post_submission(Call& call) {
  const User& user = call.user_who(may_submit, "workers do not submit");
  const SubmitRequest req = read_submit_request(call);
  const auto problem = call.problem(req.problem);
  if (req.mode != "test" && req.mode != "benchmark" && req.mode != "leaderboard")
    throw ApiError(400, "bad_mode", fmt::format("mode '{}' is not test, benchmark or leaderboard", req.mode));
  const std::string gpu = judged_gpu(call.server, problem, req.gpu);
  const std::string file_name = req.file_name.empty() ? default_file_name(problem.backend) : req.file_name;
  if (const auto why = file_name_problem(file_name, problem.backend); !why.empty())
    throw ApiError(400, "bad_request", fmt::format("file_name '{}': {}", file_name, why));
  if (req.note.size() > kMaxNoteBytes)
    throw ApiError(400, "bad_request", fmt::format("field 'note' is {} bytes; at most {}", req.note.size(), kMaxNoteBytes));
  if (req.code.size() > kMaxSourceBytes)
    throw ApiError(413, "too_large", fmt::format("the source is {} bytes; the limit is {} bytes (256 KiB)", req.code.size(), kMaxSourceBytes));
  if (req.code.empty()) throw ApiError(400, "bad_request", "field 'code' is empty");
  if (req.mode == "leaderboard" && problem.deadline && call.now > *problem.deadline)
    throw ApiError(403, "past_deadline", fmt::format("the deadline of {} was {}; test and benchmark submissions are still open",
                                                     problem.slug, utc_text(*problem.deadline)));
  check_rate_limit(call, user, problem);

  NewSubmission s{user.id, problem.id, req.code, file_name, req.mode, gpu, req.note};
  SubmitReply reply;
  reply.submission = call.store.add_submission(s, call.now);
  reply.queue_position = queue_position_of(call.store, reply.submission.id);
  call.reply(201, reply);
}

void list_submissions(Call& call) {
  const User& viewer = call.user_who(may_submit, "workers do not read submissions");
  SubmissionFilter filter;
  if (const auto name = call.query("user")) {
    filter.user_id = call.user_named(*name).id;
    if (*filter.user_id != viewer.id && !may_see_others_submissions(viewer))
      throw ApiError(403, "forbidden", fmt::format("competitors list only their own submissions, not {}'s", *name));
  } else if (!may_see_others_submissions(viewer)) {
    filter.user_id = viewer.id;
  }
  if (const auto slug = call.query("problem")) filter.problem_id = call.problem(*slug).id;
  filter.limit = static_cast<int>(call.query_int("limit", 50, 1, 500));
  if (call.query("before")) filter.before_id = call.query_int("before", 0, 1, INT64_MAX);
  call.reply(200, call.store.list_submissions(filter));
}

void check_may_view(Call& call, const User& viewer, const Submission& submission) {
  const auto problem = call.store.find_problem(submission.problem_id);
  if (!problem) throw std::runtime_error(fmt::format("submission {} names problem id {}, which is gone", submission.id, submission.problem_id));
  if (!may_read_code(viewer, submission, *problem, call.now))
    throw ApiError(403, "forbidden", fmt::format("submission {} is {}'s; others' submissions open after the deadline of {}",
                                                 submission.id, submission.user_name, problem->slug));
}

void get_submission(Call& call) {
  const User& viewer = call.user_who(may_submit, "workers do not read submissions");
  SubmissionPage page;
  page.submission = call.submission(call.path_id(1, "submission"));
  check_may_view(call, viewer, page.submission);
  page.runs = call.store.runs_for_submission(page.submission.id);
  if (!may_see_others_submissions(viewer))
    for (auto& run : page.runs) hide_ranked_seeds(run);
  page.code = call.store.code(page.submission.code_hash);
  call.reply(200, page);
}

void rerun_submission(Call& call) {
  call.user_who(is_admin, "only admins rerun submissions");
  const auto s = call.submission(call.path_id(1, "submission"));
  call.store.requeue_submission(s.id, call.now);
  call.audit("submission.rerun", {{"submission", s.id}, {"user", s.user_name}, {"problem", s.problem_slug}});
  call.reply(200, {{"submission", call.submission(s.id)}, {"queue_position", queue_position_of(call.store, s.id)}});
}

void disqualify_submission(Call& call) {
  call.user_who(is_admin, "only admins disqualify submissions");
  const auto s = call.submission(call.path_id(1, "submission"));
  const auto disqualified = optional_field<bool>(call.body(), "disqualified");
  if (!disqualified) throw ApiError(400, "bad_request", "field 'disqualified' (true or false) is missing");
  call.store.set_disqualified(s.id, *disqualified);
  call.audit("submission.disqualify", {{"submission", s.id}, {"user", s.user_name}, {"disqualified", *disqualified}});
  call.reply(200, {{"submission", call.submission(s.id)}});
}

}  // namespace podium
