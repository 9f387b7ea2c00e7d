// Element-wise output comparison. See check.hpp.
#include "core/check.hpp"

#include <cmath>
#include <cstring>
#include <fmt/format.h>

namespace podium {

std::string element_position(const std::string& name, const std::vector<uint64_t>& dims, uint64_t index) {
  std::vector<uint64_t> idx(dims.size(), 0);
  uint64_t rest = index;
  for (size_t d = dims.size(); d-- > 0;) {
    if (dims[d] == 0) break;
    idx[d] = rest % dims[d];
    rest /= dims[d];
  }
  std::string out = name;
  for (auto i : idx) out += fmt::format("[{}]", i);
  return out;
}

bool within_tolerance(double got, double expected, double rtol, double atol) {
  if (std::isnan(expected)) return std::isnan(got);
  if (std::isinf(expected)) return got == expected;
  if (!std::isfinite(got)) return false;
  return std::fabs(got - expected) <= atol + rtol * std::fabs(expected);
}

namespace {

std::string tolerance_words(const Tolerance& t) {
  if (t.kind == Tolerance::Kind::exact) return "exact match required";
  return fmt::format("rtol {:g}, atol {:g}", t.rtol, t.atol);
}

}  // namespace

OutputCheck compare_output(const std::string& name, DType dtype, const std::vector<uint64_t>& dims, const void* got,
                           const void* expected, const Tolerance& tolerance, size_t max_reported) {
  OutputCheck r;
  r.name = name;
  r.count = 1;
  for (auto d : dims) r.count *= d;
  const bool exact = tolerance.kind == Tolerance::Kind::exact;
  for (uint64_t i = 0; i < r.count; ++i) {
    const double g = load_element(got, i, dtype);
    const double e = load_element(expected, i, dtype);
    bool ok;
    if (exact) {
      ok = (std::isnan(g) && std::isnan(e)) || g == e;
    } else {
      ok = within_tolerance(g, e, tolerance.rtol, tolerance.atol);
    }
    if (std::isfinite(g) && std::isfinite(e)) {
      const double abs_err = std::fabs(g - e);
      r.max_abs_error = std::max(r.max_abs_error, abs_err);
      if (e != 0) r.max_rel_error = std::max(r.max_rel_error, abs_err / std::fabs(e));
    }
    if (!ok) {
      ++r.bad;
      if (r.first.size() < max_reported) r.first.push_back({i, element_position(name, dims, i), g, e});
    }
  }
  if (r.bad) {
    r.passed = false;
    const auto& m = r.first.front();
    r.message = fmt::format("{} = {:.9g}, expected {:.9g} ({}); {} of {} elements wrong", m.position, m.got, m.expected,
                            tolerance_words(tolerance), r.bad, r.count);
  }
  return r;
}

OutputCheck custom_check_result(const std::string& name, uint64_t count, bool accepted, const std::string& reason) {
  OutputCheck r;
  r.name = name;
  r.count = count;
  r.passed = accepted;
  if (!accepted) {
    r.bad = 1;
    r.message = fmt::format("{}: rejected by the problem's checker: {}", name, reason.empty() ? "no reason given" : reason);
  }
  return r;
}

int64_t first_changed_element(const void* before, const void* after, uint64_t count, DType dtype) {
  const size_t size = dtype_size(dtype);
  const auto* a = static_cast<const unsigned char*>(before);
  const auto* b = static_cast<const unsigned char*>(after);
  if (std::memcmp(a, b, count * size) == 0) return -1;
  for (uint64_t i = 0; i < count; ++i)
    if (std::memcmp(a + i * size, b + i * size, size) != 0) return static_cast<int64_t>(i);
  return -1;
}

}  // namespace podium
