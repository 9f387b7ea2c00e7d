// See http.hpp.
#include "server/http.hpp"

#include <fmt/format.h>

#include <charconv>

#include "server/auth.hpp"
#include "server/gpu_models.hpp"

namespace podium {

using json = nlohmann::json;

// ---- workers seen --------------------------------------------------------------------------------

void WorkerRegistry::seen(const std::string& name, const std::vector<std::string>& gpus,
                          const std::map<std::string, std::string>& unhealthy, Millis now) {
  std::lock_guard lock(mutex_);
  workers_[name] = WorkerSeen{name, gpus, unhealthy, now};
}

void WorkerRegistry::seen(const std::string& name, Millis now) {
  std::lock_guard lock(mutex_);
  auto& w = workers_[name];
  w.name = name;
  w.last_seen = now;
}

std::vector<WorkerSeen> WorkerRegistry::list() const {
  std::lock_guard lock(mutex_);
  std::vector<WorkerSeen> list;
  for (const auto& [name, w] : workers_) list.push_back(w);
  return list;
}

// ---- problem contents ----------------------------------------------------------------------------

std::shared_ptr<const ProblemContent> ProblemContents::get(Store& store, const ProblemRecord& problem) {
  const auto key = std::pair{problem.id, problem.current_version};
  {
    std::lock_guard lock(mutex_);
    if (const auto it = cache_.find(key); it != cache_.end()) return it->second;
  }
  const auto version = store.problem_version(problem.id, problem.current_version);
  if (!version)
    throw std::runtime_error(fmt::format("problem {} has no version {} in the store", problem.slug, problem.current_version));
  auto content = std::make_shared<ProblemContent>();
  content->files = json::parse(version->files_json).get<std::map<std::string, std::string>>();
  const auto yaml = content->files.find("problem.yaml");
  if (yaml == content->files.end())
    throw std::runtime_error(fmt::format("problem {} version {} has no problem.yaml", problem.slug, problem.current_version));
  content->spec = parse_problem(yaml->second, problem.slug + "/problem.yaml");
  std::lock_guard lock(mutex_);
  return cache_.emplace(key, std::move(content)).first->second;
}

// ---- one request ---------------------------------------------------------------------------------

Call::Call(ServerState& server, const httplib::Request& request, httplib::Response& response)
    : server(server), store(server.store), request(request), response(response), now(server.options.clock()) {}

const User& Call::user() {
  if (user_) return *user_;
  const auto header = request.get_header_value("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (header.empty())
    throw ApiError(401, "unauthenticated", "no token: send 'Authorization: Bearer TOKEN' (podium login, or podium admin token create)");
  if (!header.starts_with(kBearer)) throw ApiError(401, "unauthenticated", "the Authorization header must be 'Bearer TOKEN'");
  user_ = store.user_for_token(hash_token(std::string_view(header).substr(kBearer.size())), now);
  if (!user_) throw ApiError(401, "unauthenticated", "unknown, revoked or disabled token");
  return *user_;
}

const User& Call::user_who(bool (*rule)(const User&), const std::string& needs) {
  const User& u = user();
  if (!rule(u)) throw ApiError(403, "forbidden", fmt::format("{} (you are {}, a {})", needs, u.name, role_name(u.role)));
  return u;
}

json Call::body() const {
  auto j = json::parse(request.body, nullptr, false);
  if (j.is_discarded()) throw ApiError(400, "bad_request", "the body is not JSON");
  if (!j.is_object()) throw ApiError(400, "bad_request", "the body must be a JSON object");
  return j;
}

std::string Call::path(size_t index) const { return request.matches[index].str(); }

int64_t Call::path_id(size_t index, const std::string& what) const {
  const auto text = path(index);
  int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size()) throw ApiError(404, "not_found", fmt::format("no {} '{}'", what, text));
  return id;
}

std::optional<std::string> Call::query(const std::string& name) const {
  if (!request.has_param(name)) return std::nullopt;
  return request.get_param_value(name);
}

int64_t Call::query_int(const std::string& name, int64_t fallback, int64_t min, int64_t max) const {
  const auto text = query(name);
  if (!text) return fallback;
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < min || value > max)
    throw ApiError(400, "bad_request", fmt::format("query parameter '{}' must be an integer from {} to {}, not '{}'", name, min, max, *text));
  return value;
}

void Call::reply(int status, const json& body) {
  response.status = status;
  response.set_content(body.dump(), "application/json");
}

void Call::reply_text(const std::string& text, const std::string& content_type) {
  response.status = 200;
  response.set_content(text, content_type);
}

ProblemRecord Call::problem(const std::string& slug) {
  auto p = store.find_problem(slug);
  if (!p) throw ApiError(404, "unknown_problem", fmt::format("no problem '{}'; GET /api/v1/problems lists them", slug));
  return *p;
}

Submission Call::submission(int64_t id) {
  auto s = store.find_submission(id);
  if (!s) throw ApiError(404, "not_found", fmt::format("no submission {}", id));
  return *s;
}

User Call::user_named(const std::string& name) {
  auto u = store.find_user(name);
  if (!u) throw ApiError(404, "unknown_user", fmt::format("no user '{}'", name));
  return *u;
}

void Call::audit(const std::string& action, const json& detail) {
  store.audit(user_ ? std::optional(user_->id) : std::nullopt, action, detail.dump(), now);
}

std::string judged_gpu(const ServerState& server, const ProblemRecord& problem, const std::string& requested) {
  if (problem.backend == "cpu") {
    if (!requested.empty() && requested != kCpuModel)
      throw ApiError(400, "bad_request", fmt::format("{} runs on the CPU; gpu must be 'cpu' or left out, not '{}'", problem.slug, requested));
    return kCpuModel;
  }
  const std::string& name = requested.empty() ? server.options.default_gpu : requested;
  const auto model = gpu_model(name);
  if (!model) {
    std::string known;
    for (const auto& m : gpu_models()) known += (known.empty() ? "" : ", ") + m;
    throw ApiError(400, "bad_request", fmt::format("unknown gpu '{}' (known: {})", name, known));
  }
  return *model;
}

}  // namespace podium
