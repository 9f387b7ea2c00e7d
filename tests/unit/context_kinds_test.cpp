// Splitting sampled launch gaps into fast and slow contexts (eval/context_kinds.hpp), and how a
// settled context is described.
#include "eval/context_kinds.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace podium;

namespace {

std::vector<double> micro(std::vector<double> us) {
  for (double& x : us) x *= 1e-6;
  return us;
}

}  // namespace

// Two H100 processes' contexts as measured (bench/results/2026-11-26-h100-contexts.md).
TEST(ContextKinds, TwoKindsAreSplitAtTheMiddleOfTheJumpBetweenThem) {
  const auto one = classify_contexts(micro({1.868, 1.656, 1.845, 1.690, 1.715, 1.833, 1.679, 1.645}));
  ASSERT_TRUE(one.fast_below);
  EXPECT_NEAR(*one.fast_below, 1.774e-6, 1e-12);
  EXPECT_TRUE(std::is_sorted(one.gaps.begin(), one.gaps.end()));
  const auto two = classify_contexts(micro({1.687, 1.690, 1.831, 1.837, 1.848, 1.727, 1.815, 1.639}));
  ASSERT_TRUE(two.fast_below);
  EXPECT_NEAR(*two.fast_below, 1.771e-6, 1e-12);
}

TEST(ContextKinds, GapsSpreadEvenlyAreOneKind) {
  EXPECT_FALSE(classify_contexts(micro({1.60, 1.62, 1.64, 1.66, 1.68, 1.70, 1.72, 1.74, 1.76, 1.78})).fast_below);
  EXPECT_FALSE(classify_contexts(micro({1.7, 1.7, 1.7, 1.7, 1.7, 1.7})).fast_below);
}

// An outlier at either end is not a kind: each side needs kMinPerKind contexts.
TEST(ContextKinds, AFewOutliersAreNotAKind) {
  EXPECT_FALSE(classify_contexts(micro({1.65, 1.66, 1.67, 1.66, 1.65, 1.67, 1.66, 2.40})).fast_below);
  EXPECT_FALSE(classify_contexts(micro({1.10, 1.20, 1.85, 1.86, 1.84, 1.85, 1.86, 1.85})).fast_below);
  const auto three = classify_contexts(micro({1.10, 1.11, 1.12, 1.85, 1.86, 1.84, 1.85, 1.86}));
  ASSERT_TRUE(three.fast_below);
  EXPECT_NEAR(*three.fast_below, 1.48e-6, 1e-12);
}

TEST(ContextKinds, TooFewContextsCannotTell) {
  EXPECT_FALSE(classify_contexts(micro({1.65, 1.66, 1.85, 1.86, 1.87})).fast_below);
  EXPECT_FALSE(classify_contexts({}).fast_below);
}

TEST(ContextKinds, ASettledContextIsDescribedWithItsGapAndHowManyWereMade) {
  EXPECT_EQ(describe({1.66e-6, 1.77e-6, 1}), "a fast context (1.66 µs per dependent launch, under this GPU's 1.77 µs; the first made)");
  EXPECT_EQ(describe({1.70e-6, 1.77e-6, 2}), "a fast context (1.70 µs per dependent launch, under this GPU's 1.77 µs; the 2nd made)");
  EXPECT_EQ(describe({1.85e-6, 1.77e-6, 4}), "a slow context (1.85 µs per dependent launch, fast under 1.77 µs; none fast in 4 made)");
}
