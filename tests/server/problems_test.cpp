// Problems as the server knows them: imported from a directory, versioned when their files change,
// shown with their signature, cases and speed of light; competitions over them.
#include <fstream>

#include "server_fixture.hpp"

namespace podium::testing {
namespace {

using ProblemsTest = ServerTest;

TEST_F(ProblemsTest, EachProblemDirectoryBecomesSetSlashName) {
  const auto r = get("/api/v1/problems");
  ASSERT_EQ(r.status, 200);
  const auto list = r.body.get<std::vector<ProblemSummary>>();
  ASSERT_EQ(list.size(), 2u);
  const auto& cpu = list[0].slug == kCpuProblem ? list[0] : list[1];
  const auto& cuda = list[0].slug == kCpuProblem ? list[1] : list[0];
  EXPECT_EQ(cpu.backend, "cpu");
  EXPECT_EQ(cpu.version, 1);
  EXPECT_EQ(cpu.gpus, std::vector<std::string>{"cpu"});
  EXPECT_EQ(cuda.slug, kCudaProblem);
  EXPECT_EQ(cuda.backend, "cuda");
  EXPECT_NE(std::find(cuda.gpus.begin(), cuda.gpus.end(), "H100"), cuda.gpus.end());
  EXPECT_FALSE(cpu.deadline);
}

TEST_F(ProblemsTest, AChangedFileMakesANewVersionAndKeepsTheSecretSeed) {
  const auto before = *store().find_problem(kCpuProblem);
  auto again = import_problems(store(), problems_dir(), now());
  EXPECT_EQ(again.unchanged, 2);
  EXPECT_EQ(store().find_problem(kCpuProblem)->current_version, 1);

  const auto old_id = submit_ok("alice", "test");
  std::ofstream(problems_dir() / "cpu" / "vector-sum" / "description.md", std::ios::app) << "\nOne more sentence.\n";
  again = import_problems(store(), problems_dir(), now());
  EXPECT_EQ(again.updated, 1);
  EXPECT_EQ(again.unchanged, 1);
  const auto after = *store().find_problem(kCpuProblem);
  EXPECT_EQ(after.current_version, 2);
  EXPECT_EQ(after.secret_seed, before.secret_seed);
  EXPECT_NE(store().problem_version(after.id, 2)->hash, store().problem_version(after.id, 1)->hash);

  const auto new_id = submit_ok("alice", "test");
  const auto first = lease().body.get<Lease>();
  EXPECT_EQ(first.submission_id, old_id);
  EXPECT_EQ(first.problem_version, 1) << "a submission is judged with the files it was made against";
  EXPECT_EQ(first.problem_files.at("description.md").find("One more sentence"), std::string::npos);
  const auto second = lease().body.get<Lease>();
  EXPECT_EQ(second.submission_id, new_id);
  EXPECT_EQ(second.problem_version, 2);
  EXPECT_NE(second.problem_files.at("description.md").find("One more sentence"), std::string::npos);
}

TEST_F(ProblemsTest, SolutionsAreNotPartOfAProblemsFiles) {
  const auto files = read_problem_files(problems_dir() / "cpu" / "vector-sum");
  EXPECT_TRUE(files.files.count("problem.yaml"));
  for (const auto& [name, text] : files.files) EXPECT_FALSE(name.starts_with("solutions")) << name;
  std::ofstream(problems_dir() / "cpu" / "vector-sum" / "solutions" / "correct" / "another.cpp") << "// another answer\n";
  EXPECT_EQ(read_problem_files(problems_dir() / "cpu" / "vector-sum").hash, files.hash) << "new solutions are not a new version";
}

TEST_F(ProblemsTest, AProblemThatDoesNotLoadIsLeftOutWithItsReason) {
  fs::copy(source_path("tests/data/problems/broken-spec"), problems_dir() / "cpu" / "broken-spec", fs::copy_options::recursive);
  const auto summary = import_problems(store(), problems_dir(), now());
  ASSERT_EQ(summary.errors.size(), 1u);
  EXPECT_TRUE(summary.errors[0].starts_with("cpu/broken-spec: ")) << summary.errors[0];
  EXPECT_EQ(summary.imported(), 2);
  EXPECT_FALSE(store().find_problem("cpu/broken-spec"));
}

TEST_F(ProblemsTest, AProblemPageHasItsSignatureCasesAndSpeedOfLightPerGpu) {
  const auto r = get("/api/v1/problems/tensara/vector-addition");
  ASSERT_EQ(r.status, 200) << r.text;
  const auto page = r.body.get<ProblemPage>();
  EXPECT_NE(page.signature.find("extern \"C\" void solution("), std::string::npos) << page.signature;
  EXPECT_FALSE(page.description.empty());
  EXPECT_FALSE(page.test_cases.empty());
  ASSERT_FALSE(page.benchmark_cases.empty());
  const auto& sol = page.benchmark_cases.back().sol;
  ASSERT_TRUE(sol.count("H100") && sol.count("H200"));
  EXPECT_GT(sol.at("H100"), 0);
  EXPECT_LT(sol.at("H200"), sol.at("H100")) << "more bandwidth, less time for a memory-bound case";

  const auto cpu = get("/api/v1/problems/cpu/vector-sum").body.get<ProblemPage>();
  EXPECT_TRUE(cpu.benchmark_cases.front().sol.empty()) << "no GPU speed of light for a CPU problem";
}

TEST_F(ProblemsTest, TheTemplateIsPlainText) {
  const auto r = reply_of(client().Get("/api/v1/problems/cpu/vector-sum/template"));
  ASSERT_EQ(r.status, 200);
  std::ifstream file(source_path("problems/cpu/vector-sum/template.cpp"));
  EXPECT_EQ(r.text, std::string(std::istreambuf_iterator<char>(file), {}));
  EXPECT_TRUE(client().Get("/api/v1/problems/cpu/vector-sum/template")->get_header_value("Content-Type").starts_with("text/plain"));
}

TEST_F(ProblemsTest, ALeaderboardIsPerGpuModel) {
  auto r = get("/api/v1/problems/tensara/vector-addition/leaderboard");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body["gpu"], "H100") << "the server's default";
  EXPECT_EQ(get("/api/v1/problems/tensara/vector-addition/leaderboard?gpu=h200").body["gpu"], "H200");
  EXPECT_EQ(get("/api/v1/problems/tensara/vector-addition/leaderboard?gpu=Z80").code(), "bad_request");
  EXPECT_EQ(get("/api/v1/problems/cpu/vector-sum/leaderboard?limit=5000").code(), "bad_request");
}

TEST_F(ProblemsTest, OrganizersSetAndClearDeadlines) {
  const Millis deadline = now() + 3'600'000;
  auto r = patch("/api/v1/problems/cpu/vector-sum", {{"deadline", deadline}}, token("olga"));
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(r.body["deadline"], deadline);
  EXPECT_EQ(patch("/api/v1/problems/cpu/vector-sum", json::object(), token("olga")).code(), "bad_request");
  EXPECT_EQ(patch("/api/v1/problems/cpu/vector-sum", {{"deadline", "tomorrow"}}, token("olga")).code(), "bad_request");
  r = patch("/api/v1/problems/cpu/vector-sum", {{"deadline", nullptr}}, token("olga"));
  EXPECT_TRUE(r.body["deadline"].is_null());
  EXPECT_EQ(get("/api/v1/audit", token("admin")).body[0]["action"], "problem.deadline");
}

TEST_F(ProblemsTest, OrganizersCreateCompetitionsOverExistingProblems) {
  const json competition = {{"slug", "spring-2027"},
                            {"title", "Spring 2027"},
                            {"description", "Two problems"},
                            {"deadline", now() + 86'400'000},
                            {"problems", {kCpuProblem, kCudaProblem}},
                            {"gpus", {"h100"}}};
  EXPECT_EQ(post("/api/v1/competitions", competition, token("alice")).code(), "forbidden");
  auto r = post("/api/v1/competitions", competition, token("olga"));
  ASSERT_EQ(r.status, 201) << r.text;
  EXPECT_EQ(r.body["gpus"], json({"H100"}));
  EXPECT_EQ(post("/api/v1/competitions", competition, token("olga")).code(), "conflict");

  auto unknown = competition;
  unknown["slug"] = "autumn";
  unknown["problems"] = {"cpu/none"};
  EXPECT_EQ(post("/api/v1/competitions", unknown, token("olga")).code(), "unknown_problem");
  EXPECT_EQ(post("/api/v1/competitions", {{"slug", "x"}}, token("olga")).code(), "bad_request");

  const auto list = get("/api/v1/competitions");
  ASSERT_EQ(list.body.size(), 1u);
  const auto c = get("/api/v1/competitions/spring-2027").body.get<Competition>();
  EXPECT_EQ(c.title, "Spring 2027");
  EXPECT_EQ(c.problems.size(), 2u);
}

}  // namespace
}  // namespace podium::testing
