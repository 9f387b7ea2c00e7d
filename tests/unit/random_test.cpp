// The input generator: Philox against its published known answers, the deterministic math against
// the C library, the narrow-float conversions against every bit pattern, and the distributions.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "core/dtype.hpp"
#include "core/random.hpp"

using namespace podium;

TEST(Philox, MatchesTheRandom123KnownAnswers) {
  // Known-answer vectors of Philox4x32-10 from the Random123 distribution (kat_vectors).
  const Philox4 zero = philox4x32(0, 0, 0);
  EXPECT_EQ(zero.v[0], 0x6627e8d5u);
  EXPECT_EQ(zero.v[1], 0xe169c58du);
  EXPECT_EQ(zero.v[2], 0xbc57ac4cu);
  EXPECT_EQ(zero.v[3], 0x9b00dbd8u);
  const Philox4 ones = philox4x32(~0ull, ~0ull, ~0ull);
  EXPECT_EQ(ones.v[0], 0x408f276du);
  EXPECT_EQ(ones.v[1], 0x41c83b0eu);
  EXPECT_EQ(ones.v[2], 0xa20bc7c6u);
  EXPECT_EQ(ones.v[3], 0x6d5451fdu);
  const Philox4 pi = philox4x32(0x299f31d0a4093822ull, 0x85a308d3243f6a88ull, 0x0370734413198a2eull);
  EXPECT_EQ(pi.v[0], 0xd16cfe09u);
  EXPECT_EQ(pi.v[1], 0x94fdccebu);
  EXPECT_EQ(pi.v[2], 0x5001e420u);
  EXPECT_EQ(pi.v[3], 0x24126ea1u);
}

TEST(DeterministicMath, LogAgreesWithTheCLibraryToTheLastBitsOverItsRange) {
  for (double x : {1e-300, 1e-16, 0.001, 0.5, 0.70710678, 1.0, 1.0 + 1e-12, 1.5, 2.0, 10.0, 12345.678, 1e300}) {
    EXPECT_NEAR(det_log(x), std::log(x), 4e-16 * std::max(1.0, std::fabs(std::log(x)))) << x;
  }
}

TEST(DeterministicMath, CosineOfTurnsAgreesWithTheCLibrary) {
  for (int i = 0; i < 4096; ++i) {
    const double u = i / 4096.0;
    EXPECT_NEAR(det_cos_turns(u), std::cos(2 * M_PI * u), 1e-15) << u;
  }
}

TEST(Half, RoundTripsEveryFiniteBitPattern) {
  for (uint32_t bits = 0; bits < 0x10000; ++bits) {
    const uint16_t h = static_cast<uint16_t>(bits);
    if ((h & 0x7c00) == 0x7c00 && (h & 0x3ff)) continue;  // NaN payloads are not preserved
    EXPECT_EQ(double_to_half_bits(half_bits_to_double(h)), h) << std::hex << bits;
  }
}

TEST(Half, RoundsToNearestEvenAndOverflowsToInfinity) {
  EXPECT_EQ(double_to_half_bits(1.0), 0x3c00);
  EXPECT_EQ(double_to_half_bits(0.1), 0x2e66);
  EXPECT_EQ(double_to_half_bits(65504.0), 0x7bff);
  EXPECT_EQ(double_to_half_bits(65520.0), 0x7c00);  // halfway to the next binade rounds to even: infinity
  EXPECT_EQ(double_to_half_bits(-65519.0), 0xfbff);
  EXPECT_EQ(double_to_half_bits(std::ldexp(1.0, -24)), 0x0001);
  EXPECT_EQ(double_to_half_bits(std::ldexp(1.0, -25)), 0x0000);          // tie, rounds to even (zero)
  EXPECT_EQ(double_to_half_bits(std::ldexp(1.5, -25)), 0x0001);
  EXPECT_EQ(double_to_half_bits(1.0 + std::ldexp(1.0, -11)), 0x3c00);     // tie between 1 and 1+2^-10: even
  EXPECT_EQ(double_to_half_bits(1.0 + 3 * std::ldexp(1.0, -11)), 0x3c02);  // tie: rounds up to even
  EXPECT_TRUE(std::isnan(half_bits_to_double(double_to_half_bits(NAN))));
}

TEST(BFloat16, RoundTripsEveryFiniteBitPatternAndRoundsToNearestEven) {
  for (uint32_t bits = 0; bits < 0x10000; ++bits) {
    const uint16_t h = static_cast<uint16_t>(bits);
    if ((h & 0x7f80) == 0x7f80 && (h & 0x7f)) continue;
    EXPECT_EQ(double_to_bf16_bits(bf16_bits_to_double(h)), h) << std::hex << bits;
  }
  EXPECT_EQ(double_to_bf16_bits(1.0), 0x3f80);
  EXPECT_EQ(double_to_bf16_bits(1.0 + std::ldexp(1.0, -8)), 0x3f80);      // tie: even
  EXPECT_EQ(double_to_bf16_bits(1.0 + 3 * std::ldexp(1.0, -8)), 0x3f82);  // tie: up to even
  EXPECT_EQ(double_to_bf16_bits(1e39), 0x7f80);
}

TEST(Distribution, NormalHasTheRequestedMeanAndDeviation) {
  const Distribution d{DistributionKind::normal, 3.0, 2.0};
  const uint64_t key = parameter_key(42, 0);
  double sum = 0, sq = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    const double v = draw(d, key, i);
    sum += v;
    sq += v * v;
  }
  const double mean = sum / n, var = sq / n - mean * mean;
  EXPECT_NEAR(mean, 3.0, 0.02);
  EXPECT_NEAR(std::sqrt(var), 2.0, 0.02);
}

TEST(Distribution, UniformStaysInItsHalfOpenRange) {
  const Distribution d{DistributionKind::uniform, -1.0, 1.0};
  double lo = 1, hi = -1;
  for (int i = 0; i < 100000; ++i) {
    const double v = draw(d, 7, i);
    ASSERT_GE(v, -1.0);
    ASSERT_LT(v, 1.0);
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  EXPECT_LT(lo, -0.999);
  EXPECT_GT(hi, 0.999);
}

TEST(Distribution, IntegersCoverBothEndsOfTheInclusiveRange) {
  const Distribution d{DistributionKind::integers, 0, 255};
  std::set<double> seen;
  for (int i = 0; i < 20000; ++i) {
    const double v = draw(d, 9, i);
    ASSERT_EQ(v, std::floor(v));
    seen.insert(v);
  }
  EXPECT_EQ(seen.size(), 256u);
  EXPECT_EQ(*seen.begin(), 0);
  EXPECT_EQ(*seen.rbegin(), 255);
}

TEST(Distribution, ElementsDependOnlyOnSeedParameterAndIndex) {
  const Distribution d{DistributionKind::normal, 0, 1};
  EXPECT_EQ(draw(d, parameter_key(5, 1), 77), draw(d, parameter_key(5, 1), 77));
  EXPECT_NE(draw(d, parameter_key(5, 1), 77), draw(d, parameter_key(5, 2), 77));
  EXPECT_NE(draw(d, parameter_key(5, 1), 77), draw(d, parameter_key(6, 1), 77));
  EXPECT_NE(draw(d, parameter_key(5, 1), 77), draw(d, parameter_key(5, 1), 78));
}

TEST(DType, StoresAndLoadsEveryTypeAtItsSize) {
  unsigned char buf[64] = {};
  for (DType t : {DType::f16, DType::bf16, DType::f32, DType::f64, DType::i8, DType::i32, DType::i64, DType::u8,
                  DType::u32, DType::u64}) {
    store_element(buf, 3, t, 5.0);
    EXPECT_EQ(load_element(buf, 3, t), 5.0) << dtype_name(t);
    EXPECT_EQ(parse_dtype(dtype_name(t)), t);
  }
  EXPECT_FALSE(parse_dtype("f17"));
}

TEST(Distribution, ContendedGivesTheValueAtTheRequestedRate) {
  const Distribution d{DistributionKind::contended, 0, 255, 17, 30};
  int hits = 0;
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    const double v = draw(d, 11, i);
    ASSERT_GE(v, 0);
    ASSERT_LE(v, 255);
    hits += v == 17;
  }
  // 30% forced plus 70%/256 drawn as 17 by chance.
  EXPECT_NEAR(hits / double(n), 0.30 + 0.70 / 256, 0.01);
}
