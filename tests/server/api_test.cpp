// The API's rules as a client meets them: every error code of docs/api.md's table, tokens and roles,
// who may read whose code and when, rate limits and deadlines.
#include "server_fixture.hpp"

namespace podium::testing {
namespace {

using ApiTest = ServerTest;

TEST_F(ApiTest, HealthNeedsNoTokenAndNamesTheEngine) {
  const auto r = get("/api/v1/health");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body["status"], "ok");
  EXPECT_EQ(r.body["engine"], "sqlite");
  EXPECT_GE(r.body["schema"].get<int>(), 1);
}

TEST_F(ApiTest, AnUnknownPathIsNotFoundInJson) {
  const auto r = get("/api/v1/nothing-here");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.code(), "not_found");
  EXPECT_NE(r.message().find("/api/v1/nothing-here"), std::string::npos);
}

TEST_F(ApiTest, ABodyThatIsNotJsonIsABadRequest) {
  const auto r = post_text("/api/v1/submissions", "{\"problem\": ", token("alice"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.code(), "bad_request");
  EXPECT_NE(r.message().find("not JSON"), std::string::npos);
}

TEST_F(ApiTest, AMissingOrMistypedFieldIsNamed) {
  auto r = post("/api/v1/submissions", {{"problem", kCpuProblem}, {"mode", "test"}}, token("alice"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.code(), "bad_request");
  EXPECT_NE(r.message().find("'code' is missing"), std::string::npos) << r.message();

  r = post("/api/v1/submissions", {{"problem", kCpuProblem}, {"mode", "test"}, {"code", 5}}, token("alice"));
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.message().find("'code' must be a string"), std::string::npos) << r.message();
}

TEST_F(ApiTest, AnUnknownModeIsBadMode) {
  const auto r = submit("alice", "ranked");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.code(), "bad_mode");
  EXPECT_NE(r.message().find("'ranked'"), std::string::npos);
}

TEST_F(ApiTest, RequestsWithoutAValidTokenAreUnauthenticated) {
  EXPECT_EQ(get("/api/v1/me").code(), "unauthenticated");
  EXPECT_EQ(get("/api/v1/me", "pdm_not-a-token").code(), "unauthenticated");
  EXPECT_EQ(reply_of(client().Get("/api/v1/me", {{"Authorization", "Basic abc"}})).code(), "unauthenticated");
  EXPECT_EQ(get("/api/v1/me", "pdm_not-a-token").status, 401);

  const auto bob = store().find_user("bob");
  store().set_user_disabled(bob->id, true);
  EXPECT_EQ(get("/api/v1/me", token("bob")).status, 401);
}

TEST_F(ApiTest, MeNamesTheTokensUser) {
  const auto r = get("/api/v1/me", token("alice"));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body["name"], "alice");
  EXPECT_EQ(r.body["role"], "competitor");
}

TEST_F(ApiTest, EachRoleMayDoOnlyItsOwnWork) {
  EXPECT_EQ(submit("worker", "test").code(), "forbidden");
  EXPECT_EQ(post("/api/v1/worker/lease", {{"worker", "w"}, {"gpus", {"cpu"}}}, token("alice")).code(), "forbidden");
  EXPECT_EQ(post("/api/v1/users", {{"name", "mallory"}, {"role", "admin"}}, token("olga")).code(), "forbidden");
  EXPECT_EQ(get("/api/v1/users", token("alice")).status, 403);
  EXPECT_EQ(get("/api/v1/audit", token("olga")).status, 403);
  EXPECT_EQ(patch("/api/v1/problems/cpu/vector-sum", {{"deadline", nullptr}}, token("alice")).code(), "forbidden");
  EXPECT_EQ(patch("/api/v1/problems/cpu/vector-sum", {{"deadline", nullptr}}, token("olga")).status, 200);
  const auto denied = get("/api/v1/users", token("alice"));
  EXPECT_NE(denied.message().find("alice"), std::string::npos) << "the message says who asked: " << denied.message();
}

TEST_F(ApiTest, UnknownThingsAreNotFoundWithTheirOwnCodes) {
  auto r = submit("alice", "test", "cpu/no-such-problem");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.code(), "unknown_problem");
  EXPECT_NE(r.message().find("cpu/no-such-problem"), std::string::npos);
  EXPECT_EQ(get("/api/v1/problems/cpu/nothing").code(), "unknown_problem");
  EXPECT_EQ(get("/api/v1/submissions?user=nobody", token("admin")).code(), "unknown_user");
  EXPECT_EQ(get("/api/v1/submissions/999", token("admin")).code(), "not_found");
  EXPECT_EQ(get("/api/v1/submissions/abc", token("admin")).code(), "not_found");
  EXPECT_EQ(get("/api/v1/competitions/nothing").code(), "not_found");
}

TEST_F(ApiTest, ATakenUserNameIsAConflict) {
  const auto r = post("/api/v1/users", {{"name", "alice"}, {"role", "competitor"}}, token("admin"));
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.code(), "conflict");
}

TEST_F(ApiTest, AdminsAddUsersWithValidNamesAndRoles) {
  auto r = post("/api/v1/users", {{"name", "carol"}, {"role", "organizer"}}, token("admin"));
  ASSERT_EQ(r.status, 201) << r.text;
  EXPECT_EQ(r.body["role"], "organizer");
  EXPECT_EQ(post("/api/v1/users", {{"name", "dave"}, {"role", "wizard"}}, token("admin")).code(), "bad_request");
  EXPECT_EQ(post("/api/v1/users", {{"name", "no spaces"}}, token("admin")).code(), "bad_request");
  const auto users = get("/api/v1/users", token("admin"));
  EXPECT_EQ(users.body.size(), 6u);
}

TEST_F(ApiTest, ASourceOver256KiBIsTooLarge) {
  const auto r = post("/api/v1/submissions", {{"problem", kCpuProblem}, {"mode", "test"}, {"code", std::string(256 * 1024 + 1, 'x')}},
                      token("alice"));
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.code(), "too_large");
  EXPECT_NE(r.message().find("262144"), std::string::npos) << r.message();
  EXPECT_EQ(submit("alice", "test", kCpuProblem, {{"code", std::string(256 * 1024, 'x')}}).status, 201) << "exactly the limit is fine";
}

TEST_F(ApiTest, ASourceThatIsNotUtf8IsBadEncodingAtItsByteOffset) {
  const std::string body = "{\"problem\": \"cpu/vector-sum\", \"mode\": \"test\", \"code\": \"int x;\\n\xff\xfe y;\"}";
  const auto r = post_text("/api/v1/submissions", body, token("alice"));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.code(), "bad_encoding");
  EXPECT_NE(r.message().find("byte 7"), std::string::npos) << r.message();
}

TEST_F(ApiTest, AFileNameMustBePlainAndFitTheBackend) {
  EXPECT_EQ(submit("alice", "test", kCpuProblem, {{"file_name", "../evil.cpp"}}).code(), "bad_request");
  EXPECT_EQ(submit("alice", "test", kCpuProblem, {{"file_name", "kernel.cu"}}).code(), "bad_request");
  EXPECT_EQ(submit("alice", "test", kCpuProblem, {{"file_name", "sum.cpp"}}).status, 201);
  const auto r = submit("alice", "test", kCudaProblem);
  ASSERT_EQ(r.status, 201);
  EXPECT_EQ(r.body["submission"]["file_name"], "solution.cu");
  EXPECT_EQ(r.body["submission"]["gpu"], "H100") << "the server's default GPU";
}

TEST_F(ApiTest, AnUnknownGpuOrAGpuForACpuProblemIsABadRequest) {
  EXPECT_EQ(submit("alice", "test", kCudaProblem, {{"gpu", "Z80"}}).code(), "bad_request");
  EXPECT_EQ(submit("alice", "test", kCpuProblem, {{"gpu", "H100"}}).code(), "bad_request");
  const auto r = submit("alice", "test", kCudaProblem, {{"gpu", "h200"}});
  ASSERT_EQ(r.status, 201);
  EXPECT_EQ(r.body["submission"]["gpu"], "H200");
}

TEST_F(ApiTest, SubmissionsOverTheHourlyLimitAreRateLimitedUntilTheOldestLeavesTheHour) {
  for (int i = 0; i < kRateLimit; ++i) ASSERT_EQ(submit("alice", i % 2 ? "test" : "benchmark").status, 201);
  const auto r = submit("alice", "leaderboard");
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.code(), "rate_limited");
  ASSERT_FALSE(r.retry_after.empty());
  const int retry = std::stoi(r.retry_after);
  EXPECT_GT(retry, 3500);
  EXPECT_LE(retry, 3600);

  EXPECT_EQ(submit("alice", "test", kCudaProblem).status, 201) << "the limit is per problem";
  EXPECT_EQ(submit("bob", "test").status, 201) << "and per user";
  for (int i = 0; i < kRateLimit + 1; ++i) EXPECT_EQ(submit("olga", "test").status, 201) << "organizers are exempt";

  advance(3600 * 1000 + 1000);
  EXPECT_EQ(submit("alice", "test").status, 201);
}

TEST_F(ApiTest, LeaderboardSubmissionsAfterTheDeadlineArePastDeadline) {
  ASSERT_EQ(patch("/api/v1/problems/cpu/vector-sum", {{"deadline", now() - 1000}}, token("olga")).status, 200);
  const auto r = submit("alice", "leaderboard");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.code(), "past_deadline");
  EXPECT_NE(r.message().find("UTC"), std::string::npos);
  EXPECT_EQ(submit("alice", "test").status, 201) << "test and benchmark stay open";
  EXPECT_EQ(submit("alice", "benchmark").status, 201);
}

TEST_F(ApiTest, CodeIsReadableByItsOwnerAndOrganizersBeforeTheDeadlineAndByEveryoneAfter) {
  const auto id = submit_ok("alice", "test");
  const auto path = "/api/v1/submissions/" + std::to_string(id);
  ASSERT_EQ(patch("/api/v1/problems/cpu/vector-sum", {{"deadline", now() + 60'000}}, token("olga")).status, 200);

  auto own = get(path, token("alice"));
  ASSERT_EQ(own.status, 200);
  EXPECT_EQ(own.body["code"], solution_code());
  EXPECT_EQ(get(path, token("olga")).body["code"], solution_code());
  EXPECT_EQ(get(path, token("admin")).body["code"], solution_code());
  const auto other = get(path, token("bob"));
  EXPECT_EQ(other.status, 403);
  EXPECT_EQ(other.code(), "forbidden");
  EXPECT_EQ(get(path + "/events", token("bob")).status, 403) << "nor may bob watch it";
  EXPECT_EQ(get(path, token("worker")).status, 403);

  advance(61'000);
  const auto after = get(path, token("bob"));
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(after.body["code"], solution_code());
}

TEST_F(ApiTest, CompetitorsListOnlyTheirOwnSubmissions) {
  submit_ok("alice", "test");
  submit_ok("bob", "test");
  submit_ok("bob", "benchmark");
  auto r = get("/api/v1/submissions", token("alice"));
  ASSERT_EQ(r.status, 200);
  ASSERT_EQ(r.body.size(), 1u);
  EXPECT_EQ(r.body[0]["user"], "alice");
  EXPECT_EQ(get("/api/v1/submissions?user=bob", token("alice")).code(), "forbidden");

  r = get("/api/v1/submissions?user=bob", token("olga"));
  ASSERT_EQ(r.body.size(), 2u);
  EXPECT_GT(r.body[0]["id"].get<int64_t>(), r.body[1]["id"].get<int64_t>()) << "newest first";
  EXPECT_EQ(get("/api/v1/submissions", token("admin")).body.size(), 3u);
  EXPECT_EQ(get("/api/v1/submissions?limit=1", token("admin")).body.size(), 1u);
  const auto before = r.body[0]["id"].get<int64_t>();
  r = get("/api/v1/submissions?user=bob&before=" + std::to_string(before), token("admin"));
  ASSERT_EQ(r.body.size(), 1u);
  EXPECT_LT(r.body[0]["id"].get<int64_t>(), before);
  EXPECT_EQ(get("/api/v1/submissions?limit=0", token("admin")).code(), "bad_request");
}

TEST_F(ApiTest, UsersMakeAndRevokeTheirOwnTokensAndAdminsSeeItInTheAuditLog) {
  const auto made = post("/api/v1/users/alice/tokens", {{"label", "laptop"}}, token("alice"));
  ASSERT_EQ(made.status, 201) << made.text;
  const auto new_token = made.body.get<NewTokenReply>();
  EXPECT_TRUE(new_token.token.starts_with("pdm_"));
  EXPECT_EQ(new_token.prefix, new_token.token.substr(0, 8));
  EXPECT_EQ(get("/api/v1/me", new_token.token).body["name"], "alice");

  const auto listed = get("/api/v1/users/alice/tokens", token("alice"));
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.text.find(new_token.token), std::string::npos) << "a token is shown only when made";
  EXPECT_EQ(post("/api/v1/users/bob/tokens", json::object(), token("alice")).code(), "forbidden");
  EXPECT_EQ(get("/api/v1/users/bob/tokens", token("alice")).code(), "forbidden");
  EXPECT_EQ(post("/api/v1/users/nobody/tokens", json::object(), token("admin")).code(), "unknown_user");

  const auto path = "/api/v1/tokens/" + std::to_string(new_token.id);
  EXPECT_EQ(del(path, token("bob")).code(), "not_found") << "bob cannot revoke alice's token";
  EXPECT_EQ(del(path, token("alice")).status, 200);
  EXPECT_EQ(get("/api/v1/me", new_token.token).code(), "unauthenticated");

  const auto audit = get("/api/v1/audit", token("admin"));
  ASSERT_EQ(audit.status, 200);
  std::vector<std::string> actions;
  for (const auto& e : audit.body) actions.push_back(e["action"]);
  EXPECT_NE(std::find(actions.begin(), actions.end(), "token.create"), actions.end());
  EXPECT_NE(std::find(actions.begin(), actions.end(), "token.revoke"), actions.end());
}

TEST_F(ApiTest, AStoreFailureIsInternalWithAMessage) {
  // A problem stored without its problem.yaml cannot be shown: the server says so rather than guess.
  ProblemRecord broken;
  broken.slug = "cpu/broken";
  broken.title = "Broken";
  broken.backend = "cpu";
  broken.ranking = "geomean";
  broken.secret_seed = "1";
  store().put_problem(broken, "0000", "{}", now());
  const auto r = get("/api/v1/problems/cpu/broken");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.code(), "internal");
  EXPECT_NE(r.message().find("problem.yaml"), std::string::npos) << r.message();
}

}  // namespace
}  // namespace podium::testing
