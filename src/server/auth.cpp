// See auth.hpp.
#include "server/auth.hpp"

#include <openssl/rand.h>

#include <cstdint>
#include <stdexcept>

#include "runner/hash.hpp"

namespace podium {

namespace {

void random_bytes(unsigned char* out, int count) {
  if (RAND_bytes(out, count) != 1) throw std::runtime_error("the system's random number generator failed (OpenSSL RAND_bytes)");
}

std::string base64url(const unsigned char* data, size_t size) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (size_t i = 0; i < size; ++i) {
    bits = (bits << 8) | data[i];
    count += 8;
    while (count >= 6) {
      count -= 6;
      out += kAlphabet[(bits >> count) & 63];
    }
  }
  if (count > 0) out += kAlphabet[(bits << (6 - count)) & 63];
  return out;
}

}  // namespace

NewToken generate_token() {
  unsigned char bytes[32];
  random_bytes(bytes, sizeof bytes);
  NewToken t;
  t.token = "pdm_" + base64url(bytes, sizeof bytes);
  t.hash = hash_token(t.token);
  t.prefix = t.token.substr(0, 8);
  return t;
}

std::string hash_token(std::string_view token) { return sha256_hex(token); }

std::string random_decimal_u64() {
  uint64_t value = 0;
  random_bytes(reinterpret_cast<unsigned char*>(&value), sizeof value);
  return std::to_string(value);
}

bool is_staff(const User& user) { return user.role == UserRole::organizer || user.role == UserRole::admin; }

bool is_admin(const User& user) { return user.role == UserRole::admin; }

bool may_submit(const User& user) { return user.role != UserRole::worker; }

bool may_run_jobs(const User& user) { return user.role == UserRole::worker || user.role == UserRole::admin; }

bool may_read_code(const User& viewer, const Submission& submission, const ProblemRecord& problem, Millis now) {
  if (viewer.id == submission.user_id || is_staff(viewer)) return true;
  return problem.deadline && now > *problem.deadline;
}

bool may_see_others_submissions(const User& viewer) { return is_staff(viewer); }

bool may_manage_tokens_of(const User& viewer, int64_t owner_id) { return is_admin(viewer) || viewer.id == owner_id; }

bool exempt_from_rate_limit(const User& user) { return is_staff(user); }

}  // namespace podium
