// Whether one output element is acceptable: the single definition used by the host checker and by the
// CUDA comparison kernel.
#pragma once

#include "core/hd.hpp"

namespace podium {

// rtol/atol: |got - expected| <= atol + rtol * |expected|; NaN needs NaN; an infinity needs the same
// infinity; a non-finite got where a finite value is expected fails. exact: equal values (NaN
// matching NaN).
PODIUM_HD bool element_ok(double got, double expected, double rtol, double atol, bool exact) {
  const bool got_nan = got != got, expected_nan = expected != expected;
  if (expected_nan || got_nan) return got_nan && expected_nan;
  if (exact) return got == expected;
  const double inf = 1.0 / 0.0;
  if (expected == inf || expected == -inf) return got == expected;
  if (got == inf || got == -inf) return false;
  const double diff = got > expected ? got - expected : expected - got;
  const double mag = expected < 0 ? -expected : expected;
  return diff <= atol + rtol * mag;
}

}  // namespace podium
