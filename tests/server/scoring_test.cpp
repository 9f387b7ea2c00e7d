// The server's pure rules without HTTP: scoring a job from its phase reports, the limits on what
// people send, tokens, and the JSON form that server and clients share.
#include "server/gpu_models.hpp"
#include "server/limits.hpp"
#include "server/scoring.hpp"
#include "server_fixture.hpp"

namespace podium::testing {
namespace {

EvalReport timed(Verdict verdict, std::vector<double> means, std::vector<double> sols = {}) {
  return report("ranked", verdict, std::move(means), std::move(sols));
}

TEST(Scoring, AnAcceptedLeaderboardJobCountsWithTheRankedPhasesScore) {
  const auto r = score_job("leaderboard", RankingRule::geomean,
                           {{"test", timed(Verdict::accepted, {})}, {"benchmark", timed(Verdict::accepted, {9e-3})}, {"ranked", timed(Verdict::accepted, {2e-3, 8e-3})}});
  EXPECT_EQ(r.verdict, "accepted");
  EXPECT_TRUE(r.counts);
  EXPECT_NEAR(r.score_seconds.value_or(0), 4e-3, 1e-12);
  ASSERT_EQ(r.runs.size(), 3u);
  EXPECT_EQ(r.runs[1].phase, "benchmark");
  EXPECT_EQ(r.runs[1].device_name, "test CPU");
}

TEST(Scoring, TheSolFractionFollowsTheProblemsRankingRule) {
  const auto report = timed(Verdict::accepted, {1e-3, 1e-3}, {5e-4, 2.5e-4});
  EXPECT_NEAR(sol_fraction(report, RankingRule::mean).value_or(0), 0.375, 1e-12);
  EXPECT_NEAR(sol_fraction(report, RankingRule::last).value_or(0), 0.25, 1e-12);
  EXPECT_NEAR(sol_fraction(report, RankingRule::geomean).value_or(0), std::sqrt(0.5 * 0.25), 1e-12);
  EXPECT_FALSE(sol_fraction(timed(Verdict::accepted, {1e-3, 1e-3}, {5e-4}), RankingRule::mean)) << "a case without a speed of light";
}

TEST(Scoring, TheFirstFailingPhaseGivesTheVerdict) {
  const auto r = score_job("leaderboard", RankingRule::geomean,
                           {{"test", timed(Verdict::accepted, {})}, {"benchmark", timed(Verdict::time_limit, {1e-3})}});
  EXPECT_EQ(r.verdict, "time_limit");
  EXPECT_FALSE(r.counts);
  EXPECT_FALSE(r.score_seconds);
}

TEST(Scoring, AModeThatStopsShortWithoutAFailureIsAnInternalError) {
  const auto r = score_job("leaderboard", RankingRule::geomean, {{"test", timed(Verdict::accepted, {})}});
  EXPECT_EQ(r.verdict, "internal_error");
  EXPECT_NE(r.message.find("ranked"), std::string::npos);
  EXPECT_FALSE(r.counts);
}

TEST(Scoring, TestSubmissionsHaveNoScore) {
  const auto r = score_job("test", RankingRule::geomean, {{"test", timed(Verdict::accepted, {})}});
  EXPECT_EQ(r.verdict, "accepted");
  EXPECT_FALSE(r.score_seconds);
  EXPECT_FALSE(r.counts);
}

TEST(Scoring, PhasesMustFitTheMode) {
  const auto ok = timed(Verdict::accepted, {1e-3});
  EXPECT_THROW(score_job("test", RankingRule::mean, {}), std::invalid_argument);
  EXPECT_THROW(score_job("test", RankingRule::mean, {{"benchmark", ok}}), std::invalid_argument);
  EXPECT_THROW(score_job("leaderboard", RankingRule::mean, {{"benchmark", ok}, {"test", ok}}), std::invalid_argument);
  EXPECT_THROW(score_job("leaderboard", RankingRule::mean, {{"test", ok}, {"test", ok}}), std::invalid_argument);
  EXPECT_THROW(score_job("leaderboard", RankingRule::mean, {{"test", ok}, {"ranked", ok}}), std::invalid_argument);
  EXPECT_NO_THROW(score_job("benchmark", RankingRule::mean, {{"benchmark", ok}})) << "a benchmark's test phase is optional";
}

TEST(Limits, Utf8IsCheckedStrictlyAndTheFirstBadByteIsNamed) {
  EXPECT_EQ(invalid_utf8_at("plain ascii"), std::string::npos);
  EXPECT_EQ(invalid_utf8_at("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x9a\x80"), std::string::npos);
  EXPECT_EQ(invalid_utf8_at("ab\xff"), 2u);
  EXPECT_EQ(invalid_utf8_at("a\xc0\xaf"), 1u) << "an overlong '/'";
  EXPECT_EQ(invalid_utf8_at("a\xed\xa0\x80"), 1u) << "a UTF-16 surrogate";
  EXPECT_EQ(invalid_utf8_at("\xf4\x90\x80\x80"), 0u) << "beyond U+10FFFF";
  EXPECT_EQ(invalid_utf8_at("ok\xe2\x82"), 2u) << "cut short";
  EXPECT_EQ(mark_invalid_utf8("a\xff" "b").find(kInvalidByteMark), 1u);
}

TEST(Limits, FileNamesArePlainAndFitTheBackend) {
  EXPECT_EQ(file_name_problem("solution.cu", "cuda"), "");
  EXPECT_EQ(file_name_problem("my_kernel.cpp", "cuda"), "") << "nvcc compiles it as CUDA";
  EXPECT_EQ(file_name_problem("sum.cc", "cpu"), "");
  EXPECT_NE(file_name_problem("sum.cu", "cpu"), "");
  EXPECT_NE(file_name_problem("../x.cpp", "cpu"), "");
  EXPECT_NE(file_name_problem(".hidden.cpp", "cpu"), "");
  EXPECT_NE(file_name_problem("a/b.cu", "cuda"), "");
  EXPECT_NE(plain_name_problem("", "a user name"), "");
  EXPECT_NE(plain_name_problem(std::string(65, 'a'), "a user name"), "");
  EXPECT_EQ(plain_name_problem("ada.lovelace-1", "a user name"), "");
}

TEST(Tokens, AreRandomPrefixedAndStoredOnlyAsTheirHash) {
  const auto a = generate_token(), b = generate_token();
  EXPECT_NE(a.token, b.token);
  EXPECT_TRUE(a.token.starts_with("pdm_"));
  EXPECT_EQ(a.token.size(), 4u + 43u) << "32 bytes in base64url";
  EXPECT_EQ(a.prefix, a.token.substr(0, 8));
  EXPECT_EQ(a.hash, hash_token(a.token));
  EXPECT_EQ(a.hash.size(), 64u);
  EXPECT_EQ(a.hash.find(a.token), std::string::npos);
}

TEST(GpuModels, NamesResolveToTheCataloguesShortModel) {
  EXPECT_EQ(gpu_model("h100").value_or(""), "H100");
  EXPECT_EQ(gpu_model("H100 SXM").value_or(""), "H100");
  EXPECT_EQ(gpu_model_for_device("NVIDIA H100 80GB HBM3").value_or(""), "H100");
  EXPECT_FALSE(gpu_model("Z80"));
}

TEST(Json, RecordsSurviveTheRoundTripClientsMake) {
  Submission s;
  s.id = 7;
  s.user_name = "alice";
  s.problem_slug = "cpu/vector-sum";
  s.mode = "leaderboard";
  s.status = "done";
  s.verdict = "accepted";
  s.score_seconds = 1.5e-3;
  s.counts = true;
  const auto back = json(s).get<Submission>();
  EXPECT_EQ(back.user_name, "alice");
  EXPECT_EQ(back.score_seconds, 1.5e-3);
  EXPECT_FALSE(back.sol_fraction);
  EXPECT_TRUE(back.counts);
  EXPECT_TRUE(json(Submission{}).at("verdict").is_null()) << "no verdict before the job finishes";

  Lease l;
  l.job_id = 3;
  l.problem_files = {{"problem.yaml", "format: 1\n"}};
  l.secret_seed = "42";
  const auto lease_back = json(l).get<Lease>();
  EXPECT_EQ(lease_back.problem_files, l.problem_files);
  EXPECT_EQ(lease_back.secret_seed, "42");
  EXPECT_FALSE(json(Lease{}).contains("secret_seed"));

  const auto e = json::parse(json(ApiErrorBody{429, "rate_limited", "slow down"}).dump()).get<ApiErrorBody>();
  EXPECT_EQ(e.code, "rate_limited");
}

}  // namespace
}  // namespace podium::testing
