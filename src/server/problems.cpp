// Problems, their leaderboards and competitions: public reads, organizers' changes.
#include <fmt/format.h>

#include "core/sol.hpp"
#include "server/auth.hpp"
#include "server/gpu_models.hpp"
#include "server/handlers.hpp"
#include "server/limits.hpp"

namespace podium {

using json = nlohmann::json;

namespace {

ProblemSummary summary_of(Call& call, const ProblemRecord& p) {
  ProblemSummary s{p.slug, p.title, p.backend, p.current_version, p.ranking, p.deadline, call.store.count_competitors(p.id), {}};
  s.gpus = p.backend == "cpu" ? std::vector<std::string>{kCpuModel} : gpu_models();
  return s;
}

// Speed-of-light seconds of one case on every catalogued GPU, from the ceilings % of SoL is judged by.
std::map<std::string, double> sol_per_gpu(const ProblemSpec& spec, const Case& c) {
  std::map<std::string, double> sol;
  if (spec.backend != BackendKind::cuda) return sol;
  for (const auto& g : gpu_catalogue()) {
    const auto s = speed_of_light(spec, c.vars, g.realistic(), g.l2_bytes);
    if (s) sol[g.match.empty() ? g.name : g.match.front()] = s->seconds;
  }
  return sol;
}

const std::string& file_of(const ProblemContent& content, const std::string& name, const std::string& slug) {
  const auto it = content.files.find(name);
  if (it == content.files.end()) throw ApiError(404, "not_found", fmt::format("problem {} has no file '{}'", slug, name));
  return it->second;
}

}  // namespace

void list_problems(Call& call) {
  json list = json::array();
  for (const auto& p : call.store.list_problems()) list.push_back(summary_of(call, p));
  call.reply(200, list);
}

void get_problem(Call& call) {
  const auto problem = call.problem(call.path(1));
  const auto content = call.server.contents.get(call.store, problem);
  const ProblemSpec& spec = content->spec;
  ProblemPage page;
  page.summary = summary_of(call, problem);
  page.signature = c_signature(spec, "solution");
  if (const auto it = content->files.find(spec.description_file); it != content->files.end()) page.description = it->second;
  for (const auto& c : spec.test_cases) page.test_cases.push_back({c.name, {}});
  for (const auto& c : spec.benchmark_cases) page.benchmark_cases.push_back({c.name, sol_per_gpu(spec, c)});
  call.reply(200, page);
}

void get_problem_template(Call& call) {
  const auto problem = call.problem(call.path(1));
  const auto content = call.server.contents.get(call.store, problem);
  call.reply_text(file_of(*content, content->spec.template_file, problem.slug), "text/plain; charset=utf-8");
}

void get_leaderboard(Call& call) {
  const auto problem = call.problem(call.path(1));
  Leaderboard board{problem.slug, judged_gpu(call.server, problem, call.query("gpu").value_or("")), problem.ranking, {}};
  const auto limit = static_cast<int>(call.query_int("limit", 100, 1, 1000));
  for (const auto& e : call.store.leaderboard(problem.id, board.gpu, limit)) board.entries.push_back(leaderboard_row(e));
  call.reply(200, board);
}

void patch_problem(Call& call) {
  call.user_who(is_staff, "only organizers and admins change problems");
  const auto problem = call.problem(call.path(1));
  const auto body = call.body();
  if (!body.contains("deadline")) throw ApiError(400, "bad_request", "field 'deadline' is missing (a time in ms, or null for none)");
  const auto deadline = optional_field<Millis>(body, "deadline");
  call.store.set_problem_deadline(problem.id, deadline);
  call.audit("problem.deadline", {{"problem", problem.slug}, {"deadline", deadline ? json(*deadline) : json(nullptr)}});
  call.reply(200, summary_of(call, call.problem(problem.slug)));
}

void list_competitions(Call& call) { call.reply(200, call.store.list_competitions()); }

void get_competition(Call& call) {
  const auto slug = call.path(1);
  const auto c = call.store.find_competition(slug);
  if (!c) throw ApiError(404, "not_found", fmt::format("no competition '{}'; GET /api/v1/competitions lists them", slug));
  call.reply(200, *c);
}

void post_competition(Call& call) {
  call.user_who(is_staff, "only organizers and admins create competitions");
  auto c = call.body_as<Competition>();
  if (const auto why = plain_name_problem(c.slug, "a competition slug"); !why.empty())
    throw ApiError(400, "bad_request", fmt::format("slug '{}': {}", c.slug, why));
  if (call.store.find_competition(c.slug)) throw ApiError(409, "conflict", fmt::format("competition '{}' exists already", c.slug));
  for (const auto& slug : c.problems) call.problem(slug);
  for (auto& gpu : c.gpus) {
    if (gpu == kCpuModel) continue;
    const auto model = gpu_model(gpu);
    if (!model) throw ApiError(400, "bad_request", fmt::format("unknown gpu '{}' in 'gpus'", gpu));
    gpu = *model;
  }
  const auto stored = call.store.put_competition(c, call.now);
  call.audit("competition.create", {{"slug", stored.slug}, {"problems", stored.problems}});
  call.reply(201, stored);
}

}  // namespace podium
