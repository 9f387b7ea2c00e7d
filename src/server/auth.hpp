// Who is who and who may do what: API tokens (made from a CSPRNG, kept only as SHA-256) and the
// permission rules of the whole API, in one place so that every endpoint asks the same questions.
#pragma once

#include <string>
#include <string_view>

#include "store/store.hpp"

namespace podium {

struct NewToken {
  std::string token;   // "pdm_" + 43 base64url characters (32 random bytes); shown once, never stored
  std::string hash;    // hash_token(token): what the store keeps
  std::string prefix;  // the first 8 characters, so people can tell their tokens apart
};

NewToken generate_token();
// Lowercase hex SHA-256 of the token's text.
std::string hash_token(std::string_view token);
// A decimal uint64 from the CSPRNG (problems' secret seeds).
std::string random_decimal_u64();

// ---- permission rules ----------------------------------------------------------------------------
// organizer and admin: manage problems and competitions, see every submission, no rate limit.
bool is_staff(const User& user);
// admin: users, tokens, reruns, disqualifications, the audit log.
bool is_admin(const User& user);
// Everyone but workers submits and reads submissions; workers only lease and run jobs.
bool may_submit(const User& user);
bool may_run_jobs(const User& user);
// A submission's code: its owner, organizers and admins; everyone once the problem's deadline has passed.
bool may_read_code(const User& viewer, const Submission& submission, const ProblemRecord& problem, Millis now);
// Another user's submission list, and the ranked cases' seeds in reports (derived from the secret seed).
bool may_see_others_submissions(const User& viewer);
// Creating, listing and revoking a user's tokens: admins, and the user themself.
bool may_manage_tokens_of(const User& viewer, int64_t owner_id);
bool exempt_from_rate_limit(const User& user);

}  // namespace podium
