// Element-wise output comparison. See check.hpp.
#include "core/check.hpp"

#include <cmath>
#include <cstring>
#include <fmt/format.h>

#include "core/tolerance.hpp"

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
  return element_ok(got, expected, rtol, atol, false);
}

Comparison compare_values(const void* got, const void* expected, DType dtype, uint64_t count, double rtol, double atol,
                          bool exact) {
  Comparison c;
  for (uint64_t i = 0; i < count; ++i) {
    const double g = load_element(got, i, dtype);
    const double e = load_element(expected, i, dtype);
    if (std::isfinite(g) && std::isfinite(e)) {
      const double abs_err = std::fabs(g - e);
      c.max_abs_error = std::max(c.max_abs_error, abs_err);
      if (e != 0) c.max_rel_error = std::max(c.max_rel_error, abs_err / std::fabs(e));
    }
    if (!element_ok(g, e, rtol, atol, exact)) {
      if (c.bad++ == 0) c.first_bad = static_cast<int64_t>(i);
    }
  }
  return c;
}

namespace {

std::string tolerance_words(const Tolerance& t) {
  if (t.kind == Tolerance::Kind::exact) return "exact match required";
  return fmt::format("rtol {:g}, atol {:g}", t.rtol, t.atol);
}

}  // namespace

OutputCheck compare_output(const std::string& name, DType dtype, const std::vector<uint64_t>& dims, const void* got,
                           const void* expected, const Tolerance& tolerance, size_t max_reported) {
  uint64_t count = 1;
  for (auto d : dims) count *= d;
  const Comparison c = compare_values(got, expected, dtype, count, tolerance.rtol, tolerance.atol,
                                      tolerance.kind == Tolerance::Kind::exact);
  // The window after the first bad element holds the ones reported.
  const uint64_t start = c.first_bad < 0 ? 0 : static_cast<uint64_t>(c.first_bad);
  const size_t size = dtype_size(dtype);
  return describe_comparison(name, dtype, dims, tolerance, c, static_cast<const unsigned char*>(got) + start * size,
                             static_cast<const unsigned char*>(expected) + start * size,
                             std::min<uint64_t>(count - start, 1 << 16), max_reported);
}

OutputCheck describe_comparison(const std::string& name, DType dtype, const std::vector<uint64_t>& dims,
                                const Tolerance& tolerance, const Comparison& c, const void* window_got,
                                const void* window_expected, uint64_t window_count, size_t max_reported) {
  OutputCheck r;
  r.name = name;
  r.count = 1;
  for (auto d : dims) r.count *= d;
  r.bad = c.bad;
  r.max_abs_error = c.max_abs_error;
  r.max_rel_error = c.max_rel_error;
  if (!c.bad) return r;
  const bool exact = tolerance.kind == Tolerance::Kind::exact;
  for (uint64_t k = 0; k < window_count && r.first.size() < max_reported; ++k) {
    const double g = load_element(window_got, k, dtype);
    const double e = load_element(window_expected, k, dtype);
    if (element_ok(g, e, tolerance.rtol, tolerance.atol, exact)) continue;
    const uint64_t i = static_cast<uint64_t>(c.first_bad) + k;
    r.first.push_back({i, element_position(name, dims, i), g, e});
  }
  r.passed = false;
  const auto& m = r.first.front();
  r.message = fmt::format("{} = {:.9g}, expected {:.9g} ({}); {} of {} elements wrong", m.position, m.got, m.expected,
                          tolerance_words(tolerance), r.bad, r.count);
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
