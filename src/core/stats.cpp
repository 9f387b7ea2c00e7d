// Summary statistics, the timing stopping rule and ranking aggregates (see stats.hpp).
#include "core/stats.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace podium {

Summary summarize(std::span<const double> samples) {
  Summary s;
  s.count = samples.size();
  if (samples.empty()) return s;

  // Sort a copy: the caller's samples keep their order (it is the order they were measured in).
  std::vector<double> sorted(samples.begin(), samples.end());
  std::sort(sorted.begin(), sorted.end());
  const size_t n = sorted.size();
  s.min = sorted.front();
  s.max = sorted.back();
  s.median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;

  double sum = 0;
  for (double x : sorted) sum += x;
  s.mean = sum / static_cast<double>(n);
  if (n < 2) return s;

  // Two-pass variance: timings are large and nearly equal, where sum-of-squares minus square-of-sum cancels.
  double sq = 0;
  for (double x : sorted) sq += (x - s.mean) * (x - s.mean);
  s.stddev = std::sqrt(sq / static_cast<double>(n - 1));
  if (s.mean != 0) s.rel_std_error = s.stddev / std::sqrt(static_cast<double>(n)) / std::fabs(s.mean);
  return s;
}

void RunningSummary::add(double x) {
  ++count_;
  const double delta = x - mean_;
  mean_ += delta / static_cast<double>(count_);
  squares_ += delta * (x - mean_);
}

Summary RunningSummary::summary() const {
  Summary s;
  s.count = count_;
  s.mean = mean_;
  if (count_ < 2) return s;
  s.stddev = std::sqrt(squares_ / static_cast<double>(count_ - 1));
  if (s.mean != 0) s.rel_std_error = s.stddev / std::sqrt(static_cast<double>(count_)) / std::fabs(s.mean);
  return s;
}

std::optional<double> stratified_rel_std_error(std::span<const RunningSummary> strata) {
  if (strata.empty()) return std::nullopt;
  double mean = 0, variance_of_mean = 0;
  for (const auto& stratum : strata) {
    const Summary s = stratum.summary();
    if (s.count < 2) return std::nullopt;
    mean += s.mean;
    variance_of_mean += s.stddev * s.stddev / static_cast<double>(s.count);
  }
  const double k = static_cast<double>(strata.size());
  mean /= k;
  return mean == 0 ? 0 : std::sqrt(variance_of_mean) / k / std::fabs(mean);
}

StopReason should_stop(const StoppingRule& rule, const Summary& summary, double elapsed_seconds) {
  // Calls so slow that reaching min_samples would take more than twice the budget need only
  // slow_min_samples, to converge or to stop at the budget: three 105 ms convolutions within 0.005%
  // of each other say what seven more would. Statistics of fewer samples would be reported as if
  // they meant something; the evaluation's time limit bounds a very slow solution.
  const bool slow = summary.count >= rule.slow_min_samples && summary.count > 0 &&
                    elapsed_seconds * static_cast<double>(rule.min_samples) >
                        2 * rule.budget_seconds * static_cast<double>(summary.count);
  const size_t minimum = slow ? std::min(rule.slow_min_samples, rule.min_samples) : rule.min_samples;
  // A single sample has no error estimate (its rel_std_error reads 0), so convergence needs at least
  // two whatever the minimum says.
  if (summary.count >= std::max<size_t>(minimum, 2) && summary.rel_std_error < rule.target_rel_std_error)
    return StopReason::converged;
  // The budget never cuts a case short of its minimum sample count.
  if (summary.count >= minimum && elapsed_seconds >= rule.budget_seconds) return StopReason::budget;
  if (summary.count >= rule.max_samples) return StopReason::max_samples;
  return StopReason::not_yet;
}

std::string_view to_string(StopReason reason) {
  switch (reason) {
    case StopReason::not_yet: return "not_yet";
    case StopReason::converged: return "converged";
    case StopReason::budget: return "budget";
    case StopReason::max_samples: return "max_samples";
  }
  return "unknown";
}

std::optional<RankingRule> parse_ranking_rule(std::string_view name) {
  if (name == "geomean") return RankingRule::geomean;
  if (name == "mean") return RankingRule::mean;
  if (name == "last") return RankingRule::last;
  return std::nullopt;
}

std::string_view to_string(RankingRule rule) {
  switch (rule) {
    case RankingRule::geomean: return "geomean";
    case RankingRule::mean: return "mean";
    case RankingRule::last: return "last";
  }
  return "unknown";
}

double aggregate(RankingRule rule, std::span<const double> case_times) {
  if (case_times.empty()) {
    throw std::invalid_argument("cannot rank by " + std::string(to_string(rule)) + ": no case times");
  }
  double sum = 0;
  switch (rule) {
    case RankingRule::last:
      return case_times.back();
    case RankingRule::mean:
      for (double t : case_times) sum += t;
      return sum / static_cast<double>(case_times.size());
    case RankingRule::geomean:
      // Mean of logs rather than a running product: a product of many small times underflows.
      for (size_t i = 0; i < case_times.size(); ++i) {
        if (!(case_times[i] > 0)) {
          throw std::invalid_argument("cannot rank by geomean: case " + std::to_string(i) + " has time " +
                                      std::to_string(case_times[i]) + " s; every time must be positive");
        }
        sum += std::log(case_times[i]);
      }
      return std::exp(sum / static_cast<double>(case_times.size()));
  }
  throw std::invalid_argument("unknown ranking rule");
}

}  // namespace podium
