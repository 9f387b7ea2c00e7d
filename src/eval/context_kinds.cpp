// See context_kinds.hpp: what does not need CUDA.
#include "eval/context_kinds.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace podium {
namespace {

// The sum of squared deviations from the mean of [first, last).
double squares(std::vector<double>::const_iterator first, std::vector<double>::const_iterator last) {
  const double n = static_cast<double>(last - first), mean = std::accumulate(first, last, 0.0) / n;
  double sum = 0;
  for (auto it = first; it != last; ++it) sum += (*it - mean) * (*it - mean);
  return sum;
}

}  // namespace

ContextKinds classify_contexts(std::vector<double> gaps) {
  ContextKinds kinds;
  std::sort(gaps.begin(), gaps.end());
  kinds.gaps = gaps;
  if (gaps.size() < 2 * kMinPerKind) return kinds;
  size_t split = kMinPerKind;  // the first gap of the slow side
  for (size_t i = kMinPerKind; i + kMinPerKind <= gaps.size(); ++i)
    if (gaps[i] - gaps[i - 1] > gaps[split] - gaps[split - 1]) split = i;
  const auto at = gaps.begin() + static_cast<std::ptrdiff_t>(split);
  const double spread = std::sqrt((squares(gaps.begin(), at) + squares(at, gaps.end())) / static_cast<double>(gaps.size() - 2));
  const double jump = gaps[split] - gaps[split - 1];
  if (jump >= kJumpOverSpread * spread && jump > 0) kinds.fast_below = (gaps[split] + gaps[split - 1]) / 2;
  return kinds;
}

std::string describe(const SettledContext& s) {
  const std::string ordinal = s.made == 1 ? "the first" : s.made == 2 ? "the 2nd" : s.made == 3 ? "the 3rd" : fmt::format("the {}th", s.made);
  if (s.fast())
    return fmt::format("a fast context ({:.2f} µs per dependent launch, under this GPU's {:.2f} µs; {} made)", s.gap * 1e6,
                       s.fast_below * 1e6, ordinal);
  return fmt::format("a slow context ({:.2f} µs per dependent launch, fast under {:.2f} µs; none fast in {} made)", s.gap * 1e6,
                     s.fast_below * 1e6, s.made);
}

}  // namespace podium
