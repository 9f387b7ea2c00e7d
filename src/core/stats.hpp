// Summary statistics of timing samples, the stopping rule the timing loops apply to them, and the
// ranking aggregate that turns per-case times into one leaderboard score.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace podium {

struct Summary {
  size_t count = 0;
  double mean = 0, median = 0, min = 0, max = 0;
  double stddev = 0;         // sample standard deviation (n-1); 0 when count < 2
  double rel_std_error = 0;  // stddev / sqrt(count) / |mean|; 0 when count < 2 or mean == 0
};

// Does not modify `samples`; the median of an even count is the mean of the two middle values.
Summary summarize(std::span<const double> samples);

// The count, mean, standard deviation and relative standard error of samples added one at a time
// (Welford's method): what the stopping rule needs after every timed call, without keeping or
// sorting the samples. summarize() gives the median, min and max at the end.
class RunningSummary {
 public:
  void add(double x);
  Summary summary() const;  // median, min and max left 0

 private:
  size_t count_ = 0;
  double mean_ = 0, squares_ = 0;  // squares_: sum of squared deviations from the mean
};

// The relative standard error of the mean of samples drawn from several strata in turn (the input
// sets a case rotates through), from the variance within each stratum alone: the strata are
// visited evenly, so a steady difference between them (where each set's buffers lie) is part of
// the mean being measured, not uncertainty about it. The mean is taken as the strata's mean, each
// weighing the same. nullopt while a stratum has fewer than two samples.
std::optional<double> stratified_rel_std_error(std::span<const RunningSummary> strata);

// Stop when count >= min_samples and rel_std_error < target (converged), or when elapsed_seconds >=
// budget_seconds once count >= min_samples (budget), or when count >= max_samples (max_samples); checked in that order.
// Calls so slow that min_samples of them would take more than twice the budget (a 177 ms
// convolution: 10 calls, 1.8 s) converge, or stop at the budget, once count >= slow_min_samples.
struct StoppingRule {
  double target_rel_std_error = 0.001;
  size_t min_samples = 10;
  size_t slow_min_samples = 3;
  size_t max_samples = 100000;
  double budget_seconds = 0.5;
};

enum class StopReason { not_yet, converged, budget, max_samples };

StopReason should_stop(const StoppingRule& rule, const Summary& summary, double elapsed_seconds);
std::string_view to_string(StopReason reason);  // "not_yet", "converged", "budget", "max_samples"

// How per-case times (seconds) combine into one score: geometric mean, arithmetic mean, or the last case.
enum class RankingRule { geomean, mean, last };

std::optional<RankingRule> parse_ranking_rule(std::string_view name);  // "geomean" | "mean" | "last"
std::string_view to_string(RankingRule rule);
// Throws std::invalid_argument on empty input, and for geomean on a time that is not positive.
double aggregate(RankingRule rule, std::span<const double> case_times);

}  // namespace podium
