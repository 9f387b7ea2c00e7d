// Bit-exact conversions between double and the narrow floating types, usable on host and device.
//
// Inputs are drawn in double and rounded to the parameter's dtype. The rounding is done here with
// integer arithmetic (round to nearest, ties to even), never with a compiler intrinsic, so that the host
// and the GPU produce the same bits for f16 and bf16.
#pragma once

#include <cstdint>
#include <cstring>

#include "core/hd.hpp"

namespace podium {

PODIUM_HD uint64_t double_bits(double v) {
  uint64_t b;
  memcpy(&b, &v, sizeof b);
  return b;
}

PODIUM_HD double bits_double(uint64_t b) {
  double v;
  memcpy(&v, &b, sizeof v);
  return v;
}

PODIUM_HD float bits_float(uint32_t b) {
  float v;
  memcpy(&v, &b, sizeof v);
  return v;
}

PODIUM_HD uint32_t float_bits(float v) {
  uint32_t b;
  memcpy(&b, &v, sizeof b);
  return b;
}

// Rounds a double to IEEE binary16 (1 sign, 5 exponent, 10 mantissa bits), nearest-even, with
// overflow to infinity, gradual underflow and NaN preserved as a quiet NaN.
PODIUM_HD uint16_t double_to_half_bits(double v) {
  const uint64_t b = double_bits(v);
  const uint16_t sign = static_cast<uint16_t>((b >> 48) & 0x8000u);
  const int exp = static_cast<int>((b >> 52) & 0x7ff);
  const uint64_t mant = b & 0xfffffffffffffull;
  if (exp == 0x7ff) return sign | (mant ? 0x7e00u : 0x7c00u);
  // Unbiased exponent; the half's normal range is [-14, 15].
  const int e = exp - 1023;
  if (e > 15) return sign | 0x7c00u;
  // Full significand with the implicit bit, 53 bits.
  const uint64_t sig = (exp ? (mant | (1ull << 52)) : mant);
  // Number of low bits to drop so that the result has 10 mantissa bits (more for subnormals).
  int shift = 42;
  int he = e + 15;
  if (he <= 0) {
    shift += 1 - he;
    he = 0;
  }
  if (shift > 63) return sign;
  uint64_t q = sig >> shift;
  const uint64_t rem = sig & ((1ull << shift) - 1);
  const uint64_t half = 1ull << (shift - 1);
  if (rem > half || (rem == half && (q & 1))) ++q;
  // q holds the implicit bit at position 10 for normals; adding the exponent field carries correctly
  // into the next binade or into infinity.
  if (he == 0) return sign | static_cast<uint16_t>(q);
  return sign | static_cast<uint16_t>(((static_cast<uint64_t>(he - 1) << 10) + q));
}

PODIUM_HD double half_bits_to_double(uint16_t h) {
  const int sign = (h >> 15) & 1;
  const int exp = (h >> 10) & 0x1f;
  const int mant = h & 0x3ff;
  double v;
  if (exp == 0x1f) {
    v = mant ? bits_double(0x7ff8000000000000ull) : bits_double(0x7ff0000000000000ull);
  } else if (exp == 0) {
    v = mant * (1.0 / 16777216.0);  // mant * 2^-24
  } else {
    v = bits_double(static_cast<uint64_t>(exp - 15 + 1023) << 52) * (1.0 + mant / 1024.0);
  }
  return sign ? -v : v;
}

// bfloat16 is the upper half of a binary32: round the double to float first would double-round, so
// round from the double directly to 8 mantissa bits through the same scheme.
PODIUM_HD uint16_t double_to_bf16_bits(double v) {
  const uint64_t b = double_bits(v);
  const uint16_t sign = static_cast<uint16_t>((b >> 48) & 0x8000u);
  const int exp = static_cast<int>((b >> 52) & 0x7ff);
  const uint64_t mant = b & 0xfffffffffffffull;
  if (exp == 0x7ff) return sign | (mant ? 0x7fc0u : 0x7f80u);
  const int e = exp - 1023;
  if (e > 127) return sign | 0x7f80u;
  const uint64_t sig = (exp ? (mant | (1ull << 52)) : mant);
  int shift = 45;
  int be = e + 127;
  if (be <= 0) {
    shift += 1 - be;
    be = 0;
  }
  if (shift > 63) return sign;
  uint64_t q = sig >> shift;
  const uint64_t rem = sig & ((1ull << shift) - 1);
  const uint64_t half = 1ull << (shift - 1);
  if (rem > half || (rem == half && (q & 1))) ++q;
  if (be == 0) return sign | static_cast<uint16_t>(q);
  return sign | static_cast<uint16_t>(((static_cast<uint64_t>(be - 1) << 7) + q));
}

PODIUM_HD double bf16_bits_to_double(uint16_t h) {
  return static_cast<double>(bits_float(static_cast<uint32_t>(h) << 16));
}

}  // namespace podium
