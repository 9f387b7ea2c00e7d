// Output comparison: tolerance arithmetic, NaN and infinities, exact mode, and messages that name the
// first wrong element.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/check.hpp"

using namespace podium;

TEST(Tolerance, AcceptsWithinAtolPlusRtolTimesExpected) {
  EXPECT_TRUE(within_tolerance(1.000009, 1.0, 1e-5, 0));
  EXPECT_FALSE(within_tolerance(1.000011, 1.0, 1e-5, 0));
  EXPECT_TRUE(within_tolerance(1e-9, 0.0, 0, 1e-8));
  EXPECT_FALSE(within_tolerance(1e-7, 0.0, 0, 1e-8));
}

TEST(Tolerance, NaNNeedsNaNAndInfinitiesMustMatch) {
  EXPECT_TRUE(within_tolerance(NAN, NAN, 1e-5, 1e-8));
  EXPECT_FALSE(within_tolerance(1.0, NAN, 1e-5, 1e-8));
  EXPECT_FALSE(within_tolerance(NAN, 1.0, 1.0, 1.0));
  EXPECT_TRUE(within_tolerance(INFINITY, INFINITY, 0, 0));
  EXPECT_FALSE(within_tolerance(-INFINITY, INFINITY, 1, 1));
  EXPECT_FALSE(within_tolerance(INFINITY, 1e30, 1, 1));
}

TEST(CompareOutput, NamesTheFirstWrongElementWithItsMultiIndex) {
  std::vector<float> expected(12, 2.0f), got(12, 2.0f);
  got[7] = 1.5f;
  got[9] = NAN;
  Tolerance t;
  t.rtol = 1e-5;
  t.atol = 1e-8;
  const auto r = compare_output("c", DType::f32, {3, 4}, got.data(), expected.data(), t);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.bad, 2u);
  ASSERT_EQ(r.first.size(), 2u);
  EXPECT_EQ(r.first[0].position, "c[1][3]");
  EXPECT_EQ(r.first[1].position, "c[2][1]");
  EXPECT_EQ(r.message, "c[1][3] = 1.5, expected 2 (rtol 1e-05, atol 1e-08); 2 of 12 elements wrong");
}

TEST(CompareOutput, ExactModeRejectsAnyDifference) {
  std::vector<int32_t> expected{1, 2, 3}, got{1, 2, 4};
  Tolerance t;
  t.kind = Tolerance::Kind::exact;
  const auto r = compare_output("bins", DType::i32, {3}, got.data(), expected.data(), t);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.first[0].position, "bins[2]");
  EXPECT_NE(r.message.find("exact match required"), std::string::npos);
  got[2] = 3;
  EXPECT_TRUE(compare_output("bins", DType::i32, {3}, got.data(), expected.data(), t).passed);
}

TEST(CompareOutput, ReportsTheLargestErrors) {
  std::vector<double> expected{1.0, 2.0, 4.0}, got{1.0, 2.001, 4.0};
  Tolerance t;
  t.rtol = 1e-2;
  const auto r = compare_output("y", DType::f64, {3}, got.data(), expected.data(), t);
  EXPECT_TRUE(r.passed);
  EXPECT_NEAR(r.max_abs_error, 0.001, 1e-12);
  EXPECT_NEAR(r.max_rel_error, 0.0005, 1e-12);
}

TEST(InputMutation, FindsTheFirstChangedElement) {
  std::vector<float> before{1, 2, 3, 4}, after{1, 2, 3, 4};
  EXPECT_EQ(first_changed_element(before.data(), after.data(), 4, DType::f32), -1);
  after[2] = -0.0f * 0 + 3.0000002f;
  EXPECT_EQ(first_changed_element(before.data(), after.data(), 4, DType::f32), 2);
}
