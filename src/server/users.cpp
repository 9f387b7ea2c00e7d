// The caller, users, tokens and the audit log. Tokens are shown once, when made; the store keeps
// their SHA-256 only (auth.hpp).
#include <fmt/format.h>

#include <algorithm>

#include "server/auth.hpp"
#include "server/handlers.hpp"
#include "server/limits.hpp"

namespace podium {

using json = nlohmann::json;

void get_me(Call& call) { call.reply(200, call.user()); }

void list_users(Call& call) {
  call.user_who(is_admin, "only admins list users");
  call.reply(200, call.store.list_users());
}

void post_user(Call& call) {
  call.user_who(is_admin, "only admins add users");
  const auto body = call.body();
  const auto name = required_field<std::string>(body, "name");
  const auto role_text = optional_field<std::string>(body, "role").value_or("competitor");
  const auto role = parse_role(role_text);
  if (!role) throw ApiError(400, "bad_request", fmt::format("role '{}' is not competitor, organizer, admin or worker", role_text));
  if (const auto why = plain_name_problem(name, "a user name"); !why.empty())
    throw ApiError(400, "bad_request", fmt::format("name '{}': {}", name, why));
  if (call.store.find_user(name)) throw ApiError(409, "conflict", fmt::format("user '{}' exists already", name));
  const auto user = call.store.add_user(name, *role, call.now);
  call.audit("user.add", {{"name", user.name}, {"role", role_name(user.role)}});
  call.reply(201, user);
}

void post_token(Call& call) {
  const User& viewer = call.user();
  const auto owner = call.user_named(call.path(1));
  if (!may_manage_tokens_of(viewer, owner.id))
    throw ApiError(403, "forbidden", fmt::format("only admins and {} make tokens for {}", owner.name, owner.name));
  const auto body = call.request.body.empty() ? json::object() : call.body();
  const auto label = optional_field<std::string>(body, "label").value_or("");
  const auto made = generate_token();
  const auto token = call.store.add_token(owner.id, made.hash, made.prefix, label, call.now);
  call.audit("token.create", {{"user", owner.name}, {"token", token.id}, {"label", label}});
  call.reply(201, NewTokenReply{made.token, token.id, token.prefix});
}

void list_tokens(Call& call) {
  const User& viewer = call.user();
  const auto owner = call.user_named(call.path(1));
  if (!may_manage_tokens_of(viewer, owner.id))
    throw ApiError(403, "forbidden", fmt::format("only admins and {} see {}'s tokens", owner.name, owner.name));
  call.reply(200, call.store.list_tokens(owner.id));
}

void delete_token(Call& call) {
  const User& viewer = call.user();
  const int64_t id = call.path_id(1, "token");
  if (!is_admin(viewer)) {
    const auto mine = call.store.list_tokens(viewer.id);
    if (std::none_of(mine.begin(), mine.end(), [&](const Token& t) { return t.id == id; }))
      throw ApiError(404, "not_found", fmt::format("no token {} among {}'s", id, viewer.name));
  }
  call.store.revoke_token(id);
  call.audit("token.revoke", {{"token", id}});
  call.reply(200, {{"id", id}, {"revoked", true}});
}

void get_audit(Call& call) {
  call.user_who(is_admin, "only admins read the audit log");
  call.reply(200, call.store.audit_log(static_cast<int>(call.query_int("limit", 100, 1, 1000))));
}

}  // namespace podium
