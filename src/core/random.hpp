// Deterministic inputs: a counter-based generator and the distributions drawn from it.
//
// Element i of parameter p in a case with seed s is a pure function of (s, p, i): Philox4x32-10 keyed
// by s, with the counter (i, p). No state is carried from one element to the next, so the CPU backend
// fills buffers with a loop and the CUDA backend with one thread per element, and both get the same
// bits. Box-Muller needs a logarithm and a cosine; the C library's and CUDA's differ in the last bits,
// so both are computed here from +, -, *, / alone, in an order the compilers must keep (host code is
// built with -ffp-contract=off and device code uses the _rn intrinsics, which never fuse into an FMA).
#pragma once

#include <cstdint>

#include "core/hd.hpp"
#include "core/numeric.hpp"

namespace podium {

// SplitMix64's finalizer: a bijective mix used to derive seeds from (seed, index) pairs.
PODIUM_HD uint64_t mix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

PODIUM_HD uint64_t combine_seed(uint64_t seed, uint64_t value) { return mix64(seed ^ mix64(value)); }

struct Philox4 {
  uint32_t v[4];
};

PODIUM_HD void mulhilo32(uint32_t a, uint32_t b, uint32_t* hi, uint32_t* lo) {
  const uint64_t p = static_cast<uint64_t>(a) * b;
  *hi = static_cast<uint32_t>(p >> 32);
  *lo = static_cast<uint32_t>(p);
}

// Philox4x32 with 10 rounds (Salmon et al., SC'11), the generator cuRAND and NumPy also offer.
PODIUM_HD Philox4 philox4x32(uint64_t key, uint64_t counter_lo, uint64_t counter_hi) {
  uint32_t c0 = static_cast<uint32_t>(counter_lo), c1 = static_cast<uint32_t>(counter_lo >> 32);
  uint32_t c2 = static_cast<uint32_t>(counter_hi), c3 = static_cast<uint32_t>(counter_hi >> 32);
  uint32_t k0 = static_cast<uint32_t>(key), k1 = static_cast<uint32_t>(key >> 32);
  for (int round = 0; round < 10; ++round) {
    uint32_t hi0, lo0, hi1, lo1;
    mulhilo32(0xD2511F53u, c0, &hi0, &lo0);
    mulhilo32(0xCD9E8D57u, c2, &hi1, &lo1);
    const uint32_t n0 = hi1 ^ c1 ^ k0, n1 = lo1, n2 = hi0 ^ c3 ^ k1, n3 = lo0;
    c0 = n0;
    c1 = n1;
    c2 = n2;
    c3 = n3;
    k0 += 0x9E3779B9u;
    k1 += 0xBB67AE85u;
  }
  return Philox4{{c0, c1, c2, c3}};
}

// Arithmetic that is never contracted into an FMA, so host and device round identically.
PODIUM_HD double exact_mul(double a, double b) {
#if defined(__CUDA_ARCH__)
  return __dmul_rn(a, b);
#else
  return a * b;
#endif
}

PODIUM_HD double exact_add(double a, double b) {
#if defined(__CUDA_ARCH__)
  return __dadd_rn(a, b);
#else
  return a + b;
#endif
}

PODIUM_HD double exact_div(double a, double b) {
#if defined(__CUDA_ARCH__)
  return __ddiv_rn(a, b);
#else
  return a / b;
#endif
}

// A uniform double in [0, 1) with 53 random bits.
PODIUM_HD double unit_double(uint32_t hi, uint32_t lo) {
  const uint64_t bits = ((static_cast<uint64_t>(hi) << 32) | lo) >> 11;
  return static_cast<double>(bits) * (1.0 / 9007199254740992.0);
}

// Natural logarithm of x > 0 to about 1e-16 relative: x = m * 2^e with m in [sqrt(1/2), sqrt(2)),
// log(m) = 2 atanh(s) with s = (m - 1) / (m + 1), |s| < 0.172, summed as an odd series.
PODIUM_HD double det_log(double x) {
  uint64_t b = double_bits(x);
  int e = static_cast<int>((b >> 52) & 0x7ff) - 1023;
  double m = bits_double((b & 0xfffffffffffffull) | 0x3ff0000000000000ull);  // in [1, 2)
  if (m > 1.4142135623730951) {
    m = exact_mul(m, 0.5);
    e += 1;
  }
  const double s = exact_div(exact_add(m, -1.0), exact_add(m, 1.0));
  const double s2 = exact_mul(s, s);
  double sum = 0.0;
  for (int k = 23; k >= 1; k -= 2) sum = exact_add(exact_mul(sum, s2), 1.0 / k);
  const double log_m = exact_mul(exact_mul(2.0, s), sum);
  return exact_add(exact_mul(static_cast<double>(e), 0.6931471805599453), log_m);
}

// cos(2*pi*u) for u in [0, 1): folded by symmetry onto t in [0, 1/8] turns, then a Taylor series of
// sin or cos of x = 2*pi*t <= pi/4, both accurate to about 1e-16.
PODIUM_HD double det_cos_turns(double u) {
  // cos(2πu) = cos(2π(1-u)) folds [1/2, 1) onto (0, 1/2]; cos(2πu) = -cos(2π(1/2-u)) folds (1/4, 1/2].
  if (u > 0.5) u = exact_add(1.0, -u);
  double sign = 1.0;
  if (u > 0.25) {
    u = exact_add(0.5, -u);
    sign = -1.0;
  }
  // On [0, 1/4]: above 1/8, cos(2πu) = sin(2π(1/4-u)).
  bool use_sin = false;
  if (u > 0.125) {
    u = exact_add(0.25, -u);
    use_sin = true;
  }
  const double x = exact_mul(u, 6.283185307179586);
  const double x2 = exact_mul(x, x);
  double result;
  if (use_sin) {
    double term = x, sum = x;
    for (int k = 1; k <= 9; ++k) {
      term = exact_div(exact_mul(-term, x2), static_cast<double>((2 * k) * (2 * k + 1)));
      sum = exact_add(sum, term);
    }
    result = sum;
  } else {
    double term = 1.0, sum = 1.0;
    for (int k = 1; k <= 9; ++k) {
      term = exact_div(exact_mul(-term, x2), static_cast<double>((2 * k - 1) * (2 * k)));
      sum = exact_add(sum, term);
    }
    result = sum;
  }
  return sign * result;
}

PODIUM_HD double det_sqrt(double x) {
#if defined(__CUDA_ARCH__)
  return __dsqrt_rn(x);
#else
  return __builtin_sqrt(x);  // IEEE correctly rounded, like __dsqrt_rn
#endif
}

enum class DistributionKind : uint8_t { normal, uniform, integers, constant, contended };

// A distribution's parameters: normal(a = mean, b = stddev), uniform [a, b), integers [a, b]
// inclusive, constant a, contended: c with probability d percent, else integers [a, b].
struct Distribution {
  DistributionKind kind = DistributionKind::normal;
  double a = 0.0;
  double b = 1.0;
  double c = 0.0;
  double d = 0.0;
};

// The value of element `index` of the parameter with stream key `key` (see parameter_key).
PODIUM_HD double draw(const Distribution& d, uint64_t key, uint64_t index) {
  const Philox4 r = philox4x32(key, index, 0);
  switch (d.kind) {
    case DistributionKind::normal: {
      // Box-Muller: u1 in (0, 1] so the logarithm is finite.
      const double u1 = exact_add(1.0, -unit_double(r.v[0], r.v[1]));
      const double u2 = unit_double(r.v[2], r.v[3]);
      const double radius = det_sqrt(exact_mul(-2.0, det_log(u1)));
      return exact_add(d.a, exact_mul(d.b, exact_mul(radius, det_cos_turns(u2))));
    }
    case DistributionKind::uniform: {
      const double u = unit_double(r.v[0], r.v[1]);
      return exact_add(d.a, exact_mul(exact_add(d.b, -d.a), u));
    }
    case DistributionKind::contended:
      // The contended value with probability d%, drawn from the words the integer draw leaves unused.
      if (exact_mul(unit_double(r.v[2], r.v[3]), 100.0) < d.d) return d.c;
      [[fallthrough]];
    case DistributionKind::integers: {
      const uint64_t span = static_cast<uint64_t>(static_cast<int64_t>(d.b) - static_cast<int64_t>(d.a)) + 1;
      const uint64_t bits = (static_cast<uint64_t>(r.v[0]) << 32) | r.v[1];
      // span == 0 means the full 64-bit range; the modulo bias is below 2^-40 for spans under 2^24.
      const uint64_t offset = span == 0 ? bits : bits % span;
      return static_cast<double>(static_cast<int64_t>(d.a) + static_cast<int64_t>(offset));
    }
    case DistributionKind::constant:
      return d.a;
  }
  return 0.0;
}

// The stream key of parameter `parameter` in a case whose seed is `case_seed`.
PODIUM_HD uint64_t parameter_key(uint64_t case_seed, uint32_t parameter) {
  return combine_seed(case_seed, 0x70617261ull << 32 | parameter);
}

}  // namespace podium
