// See context_kinds.hpp: what does not need CUDA.
#include "eval/context_kinds.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <span>
#include <utility>

#include "core/stats.hpp"

namespace podium {
namespace {

// The sum of squared deviations from the mean of [first, last).
double squares(std::vector<double>::const_iterator first, std::vector<double>::const_iterator last) {
  const Summary s = summarize(std::span<const double>(&*first, static_cast<size_t>(last - first)));
  return s.stddev * s.stddev * static_cast<double>(s.count - 1);
}

}  // namespace

ContextKinds classify_contexts(std::vector<double> gaps) {
  std::sort(gaps.begin(), gaps.end());
  ContextKinds kinds{std::move(gaps), std::nullopt};
  const std::vector<double>& g = kinds.gaps;
  if (g.size() < 2 * kMinPerKind) return kinds;
  const auto jump = [&](size_t i) { return g[i] - g[i - 1]; };  // from the gap before i to gap i
  size_t split = kMinPerKind;                                    // the first gap of the slow side
  for (size_t i = kMinPerKind; i + kMinPerKind <= g.size(); ++i)
    if (jump(i) > jump(split)) split = i;
  const auto at = g.begin() + static_cast<std::ptrdiff_t>(split);
  const double spread = std::sqrt((squares(g.begin(), at) + squares(at, g.end())) / static_cast<double>(g.size() - 2));
  if (jump(split) > 0 && jump(split) >= kJumpOverSpread * spread) kinds.fast_below = (g[split] + g[split - 1]) / 2;
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
