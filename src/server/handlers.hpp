// The API's request handlers, one file per resource; server.cpp maps each route of docs/api.md to
// one of these. A handler reads the Call, asks the store, and replies or throws ApiError.
#pragma once

#include "server/http.hpp"

namespace podium {

// problems.cpp: problems, leaderboards, competitions.
void list_problems(Call& call);
void get_problem(Call& call);
void get_problem_template(Call& call);
void get_leaderboard(Call& call);
void patch_problem(Call& call);
void list_competitions(Call& call);
void get_competition(Call& call);
void post_competition(Call& call);

// submissions.cpp
// 403 forbidden unless the viewer may see the submission (and so its code): auth.hpp's may_read_code.
void check_may_view(Call& call, const User& viewer, const Submission& submission);
void post_submission(Call& call);
void list_submissions(Call& call);
void get_submission(Call& call);
void rerun_submission(Call& call);
void disqualify_submission(Call& call);

// events.cpp: the live stream of one submission.
void stream_submission_events(Call& call);

// users.cpp: the caller, users, tokens, the audit log.
void get_me(Call& call);
void list_users(Call& call);
void post_user(Call& call);
void post_token(Call& call);
void list_tokens(Call& call);
void delete_token(Call& call);
void get_audit(Call& call);

// workers.cpp: the worker protocol.
void lease_job(Call& call);
void heartbeat_job(Call& call);
void post_job_progress(Call& call);
void post_job_result(Call& call);

}  // namespace podium
