// Timing statistics: summaries of known samples, the stopping rule's four outcomes, and ranking aggregates.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "core/stats.hpp"

using namespace podium;

TEST(Summarize, ComputesKnownValues) {
  const std::vector<double> xs{2, 4, 4, 4, 5, 5, 7, 9};
  const Summary s = summarize(xs);
  EXPECT_EQ(s.count, 8u);
  EXPECT_DOUBLE_EQ(s.mean, 5.0);
  EXPECT_DOUBLE_EQ(s.min, 2.0);
  EXPECT_DOUBLE_EQ(s.max, 9.0);
  EXPECT_DOUBLE_EQ(s.stddev, std::sqrt(32.0 / 7.0));  // sample stddev divides by n-1
}

TEST(Summarize, MedianOfOddCountIsTheMiddleValue) {
  const std::vector<double> xs{9, 1, 5};
  EXPECT_DOUBLE_EQ(summarize(xs).median, 5.0);
}

TEST(Summarize, MedianOfEvenCountIsTheMeanOfTheTwoMiddleValues) {
  const std::vector<double> xs{4, 1, 3, 10};
  EXPECT_DOUBLE_EQ(summarize(xs).median, 3.5);
}

TEST(Summarize, RelativeStandardErrorIsStddevOverRootCountOverMean) {
  const std::vector<double> xs{1, 2, 3, 4};
  const Summary s = summarize(xs);
  EXPECT_DOUBLE_EQ(s.rel_std_error, s.stddev / 2.0 / 2.5);
}

TEST(Summarize, DoesNotReorderItsInput) {
  const std::vector<double> xs{3, 1, 2};
  const std::vector<double> before = xs;
  summarize(xs);
  EXPECT_EQ(xs, before);
}

TEST(Summarize, EmptyAndSingleSampleHaveNoSpread) {
  const Summary empty = summarize({});
  EXPECT_EQ(empty.count, 0u);
  EXPECT_EQ(empty.mean, 0.0);
  EXPECT_EQ(empty.stddev, 0.0);

  const std::vector<double> one{1.5e-3};
  const Summary s = summarize(one);
  EXPECT_EQ(s.count, 1u);
  EXPECT_EQ(s.mean, 1.5e-3);
  EXPECT_EQ(s.median, 1.5e-3);
  EXPECT_EQ(s.min, 1.5e-3);
  EXPECT_EQ(s.max, 1.5e-3);
  EXPECT_EQ(s.stddev, 0.0);
  EXPECT_EQ(s.rel_std_error, 0.0);
}

TEST(Summarize, ZeroMeanLeavesRelativeErrorAtZero) {
  const std::vector<double> xs{-1, 1};
  const Summary s = summarize(xs);
  EXPECT_GT(s.stddev, 0.0);
  EXPECT_EQ(s.rel_std_error, 0.0);
}

TEST(RunningSummary, AgreesWithSummarizeOnTheSameSamples) {
  // Timing-like samples: large offsets, small differences, where a naive sum of squares cancels.
  std::vector<double> xs;
  RunningSummary running;
  for (int i = 0; i < 5000; ++i) {
    xs.push_back(1e-3 + 1e-9 * ((i * 7919) % 101));
    running.add(xs.back());
  }
  const Summary whole = summarize(xs), run = running.summary();
  EXPECT_EQ(run.count, whole.count);
  EXPECT_NEAR(run.mean, whole.mean, 1e-15);
  EXPECT_NEAR(run.stddev, whole.stddev, whole.stddev * 1e-9);
  EXPECT_NEAR(run.rel_std_error, whole.rel_std_error, whole.rel_std_error * 1e-9);
  EXPECT_GT(run.stddev, 0);
}

TEST(RunningSummary, OneSampleHasNoSpread) {
  RunningSummary running;
  EXPECT_EQ(running.summary().count, 0u);
  running.add(2.5);
  EXPECT_DOUBLE_EQ(running.summary().mean, 2.5);
  EXPECT_EQ(running.summary().rel_std_error, 0);
}

TEST(StratifiedError, ASteadyDifferenceBetweenStrataIsNotUncertainty) {
  // Two input sets whose calls differ by 10% but hardly vary within each set: the plain error
  // counts the 10% as noise, the stratified one does not.
  std::vector<RunningSummary> strata(2);
  RunningSummary all;
  for (int i = 0; i < 100; ++i) {
    const double jitter = 1e-4 * ((i * 37) % 7 - 3);
    strata[0].add(1.0 + jitter);
    strata[1].add(1.1 - jitter);
    all.add(1.0 + jitter);
    all.add(1.1 - jitter);
  }
  const auto stratified = stratified_rel_std_error(strata);
  ASSERT_TRUE(stratified.has_value());
  EXPECT_LT(*stratified, 1e-4);
  EXPECT_GT(all.summary().rel_std_error, 1e-3);
}

TEST(StratifiedError, OneStratumIsThePlainRelativeStandardError) {
  std::vector<RunningSummary> one(1);
  for (double x : {1.0, 2.0, 3.0, 4.0}) one[0].add(x);
  EXPECT_DOUBLE_EQ(*stratified_rel_std_error(one), one[0].summary().rel_std_error);
}

TEST(StratifiedError, IsUnknownWhileAStratumHasFewerThanTwoSamples) {
  std::vector<RunningSummary> strata(2);
  strata[0].add(1.0);
  strata[0].add(2.0);
  strata[1].add(1.5);
  EXPECT_FALSE(stratified_rel_std_error(strata).has_value());
  EXPECT_FALSE(stratified_rel_std_error({}).has_value());
}

TEST(StoppingRule, ConvergesOnceEnoughSamplesAreTightEnough) {
  StoppingRule rule;
  Summary s;
  s.count = 10;
  s.rel_std_error = 0.0009;  // under the default 0.1% target
  EXPECT_EQ(should_stop(rule, s, 0.1), StopReason::converged);
}

TEST(StoppingRule, KeepsGoingWithTooFewSamplesOrTooMuchNoise) {
  StoppingRule rule;
  Summary few;
  few.count = 9;
  few.rel_std_error = 0.0;
  EXPECT_EQ(should_stop(rule, few, 0.1), StopReason::not_yet);

  Summary noisy;
  noisy.count = 50;
  noisy.rel_std_error = 0.001;  // the default target (0.1%) is a strict upper bound
  EXPECT_EQ(should_stop(rule, noisy, 0.1), StopReason::not_yet);
}

TEST(StoppingRule, SingleSampleNeverConvergesEvenWithMinSamplesOne) {
  StoppingRule rule;
  rule.min_samples = 1;
  const std::vector<double> one{1.0};
  EXPECT_EQ(should_stop(rule, summarize(one), 0.0), StopReason::not_yet);
}

TEST(StoppingRule, StopsWhenTheTimeBudgetIsSpent) {
  StoppingRule rule;
  Summary s;
  s.count = 50;
  s.rel_std_error = 0.1;
  EXPECT_EQ(should_stop(rule, s, 0.5), StopReason::budget);
  EXPECT_EQ(should_stop(rule, s, 0.499), StopReason::not_yet);
}

TEST(StoppingRule, TheBudgetNeverStopsBeforeTheMinimumSampleCount) {
  StoppingRule rule;
  rule.min_samples = 10;
  Summary s;
  s.count = 9;
  s.rel_std_error = 0.1;
  EXPECT_EQ(should_stop(rule, s, 0.6), StopReason::not_yet);  // 10 calls would take 0.67 s
  s.count = 10;
  EXPECT_EQ(should_stop(rule, s, 0.6), StopReason::budget);
}

// Calls so slow that 10 would take more than twice the budget stop at the budget from 3 samples.
TEST(StoppingRule, SlowCallsStopAtTheBudgetFromTheSlowMinimum) {
  StoppingRule rule;  // 10 samples, slow 3, budget 0.5 s
  Summary s;
  s.rel_std_error = 0.1;
  s.count = 2;
  EXPECT_EQ(should_stop(rule, s, 0.6), StopReason::not_yet);  // too few even for a slow case
  s.count = 3;
  EXPECT_EQ(should_stop(rule, s, 0.53), StopReason::budget);  // 177 ms calls: 10 would take 1.8 s
  EXPECT_EQ(should_stop(rule, s, 0.45), StopReason::not_yet);  // the budget is not spent yet
  s.count = 9;
  EXPECT_EQ(should_stop(rule, s, 0.9), StopReason::not_yet);  // 10 calls would take 1.0 s: not slow
  s.count = 5;
  EXPECT_EQ(should_stop(rule, s, 0.525), StopReason::budget);  // 105 ms calls
}

// ... and converge from 3 samples too, where a case of 10 could not.
TEST(StoppingRule, SlowCallsConvergeFromTheSlowMinimum) {
  StoppingRule rule;  // 10 samples, slow 3, target 0.1%
  Summary s;
  s.rel_std_error = 0.0002;
  s.count = 2;
  EXPECT_EQ(should_stop(rule, s, 0.21), StopReason::not_yet);  // too few even for a slow case
  s.count = 3;
  EXPECT_EQ(should_stop(rule, s, 0.32), StopReason::converged);  // 105 ms calls: 10 would take 1.05 s
  EXPECT_EQ(should_stop(rule, s, 0.06), StopReason::not_yet);    // 20 ms calls: 10 take 0.2 s
  s.rel_std_error = 0.002;
  EXPECT_EQ(should_stop(rule, s, 0.32), StopReason::not_yet);  // not converged, the budget not spent
}

TEST(StoppingRule, StopsAtMaxSamples) {
  StoppingRule rule;
  rule.max_samples = 100;
  Summary s;
  s.count = 100;
  s.rel_std_error = 0.1;
  EXPECT_EQ(should_stop(rule, s, 0.25), StopReason::max_samples);
}

TEST(StoppingRule, ConvergenceTakesPrecedenceOverBudgetAndBudgetOverMaxSamples) {
  StoppingRule rule;
  rule.max_samples = 10;
  Summary s;
  s.count = 10;
  s.rel_std_error = 0.0009;
  EXPECT_EQ(should_stop(rule, s, 5.0), StopReason::converged);
  s.rel_std_error = 0.1;
  EXPECT_EQ(should_stop(rule, s, 5.0), StopReason::budget);
}

TEST(StopReason, HasStableNames) {
  EXPECT_EQ(to_string(StopReason::not_yet), "not_yet");
  EXPECT_EQ(to_string(StopReason::converged), "converged");
  EXPECT_EQ(to_string(StopReason::budget), "budget");
  EXPECT_EQ(to_string(StopReason::max_samples), "max_samples");
}

TEST(RankingRule, ParsesTheNamesItPrints) {
  for (RankingRule r : {RankingRule::geomean, RankingRule::mean, RankingRule::last}) {
    EXPECT_EQ(parse_ranking_rule(to_string(r)), r);
  }
  EXPECT_EQ(to_string(RankingRule::geomean), "geomean");
  EXPECT_EQ(to_string(RankingRule::mean), "mean");
  EXPECT_EQ(to_string(RankingRule::last), "last");
}

TEST(RankingRule, RejectsUnknownNames) {
  EXPECT_FALSE(parse_ranking_rule("median").has_value());
  EXPECT_FALSE(parse_ranking_rule("Geomean").has_value());
  EXPECT_FALSE(parse_ranking_rule("").has_value());
}

TEST(Aggregate, GeomeanIsTheNthRootOfTheProduct) {
  const std::vector<double> t{1e-3, 4e-3, 16e-3};
  EXPECT_NEAR(aggregate(RankingRule::geomean, t), 4e-3, 1e-15);
}

TEST(Aggregate, MeanIsTheArithmeticMean) {
  const std::vector<double> t{1e-3, 2e-3, 6e-3};
  EXPECT_DOUBLE_EQ(aggregate(RankingRule::mean, t), 3e-3);
}

TEST(Aggregate, LastIsTheFinalCaseTime) {
  const std::vector<double> t{1e-3, 2e-3, 6e-3};
  EXPECT_EQ(aggregate(RankingRule::last, t), 6e-3);
}

TEST(Aggregate, GeomeanOfManyTinyTimesDoesNotUnderflow) {
  const std::vector<double> t(400, 1e-6);
  EXPECT_NEAR(aggregate(RankingRule::geomean, t), 1e-6, 1e-18);
}

TEST(Aggregate, EmptyInputIsAnErrorForEveryRule) {
  for (RankingRule r : {RankingRule::geomean, RankingRule::mean, RankingRule::last}) {
    EXPECT_THROW(aggregate(r, {}), std::invalid_argument) << to_string(r);
  }
}

TEST(Aggregate, GeomeanRejectsNonPositiveTimesNamingTheCase) {
  const std::vector<double> zero{1e-3, 0.0};
  try {
    aggregate(RankingRule::geomean, zero);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("case 1"), std::string::npos) << e.what();
  }
  const std::vector<double> negative{-1e-3};
  EXPECT_THROW(aggregate(RankingRule::geomean, negative), std::invalid_argument);
  const std::vector<double> nan{NAN};
  EXPECT_THROW(aggregate(RankingRule::geomean, nan), std::invalid_argument);
}
