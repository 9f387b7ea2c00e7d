// Deciding whether an output is right: element-wise comparison under the problem's tolerance, and the
// words that tell a competitor which element is wrong and by how much.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/problem.hpp"

namespace podium {

struct Mismatch {
  uint64_t index = 0;
  std::string position;  // "d_output[3][17]"
  double got = 0;
  double expected = 0;
};

struct OutputCheck {
  std::string name;
  bool passed = true;
  uint64_t count = 0;
  uint64_t bad = 0;                 // elements out of tolerance
  std::vector<Mismatch> first;      // the first few, in index order
  double max_abs_error = 0;
  double max_rel_error = 0;
  std::string message;              // empty when passed
};

// The numbers of a comparison: how many elements are wrong, the first, the largest errors.
struct Comparison {
  uint64_t bad = 0;
  int64_t first_bad = -1;
  double max_abs_error = 0;  // over pairs of finite values
  double max_rel_error = 0;
};

Comparison compare_values(const void* got, const void* expected, DType dtype, uint64_t count, double rtol, double atol,
                          bool exact);

// The OutputCheck for a comparison, its reported mismatches read from a window of both arrays that
// starts at the first bad element (so a device backend copies only that window to the host).
OutputCheck describe_comparison(const std::string& name, DType dtype, const std::vector<uint64_t>& dims,
                                const Tolerance& tolerance, const Comparison& c, const void* window_got,
                                const void* window_expected, uint64_t window_count, size_t max_reported = 5);

// "name[i][j]" for the flat index `index` of an array of shape `dims` (row-major).
std::string element_position(const std::string& name, const std::vector<uint64_t>& dims, uint64_t index);

// Whether `got` is acceptable for `expected` under an rtol/atol tolerance (NaN and infinities
// included: NaN needs NaN, an infinity needs the same infinity).
bool within_tolerance(double got, double expected, double rtol, double atol);

// Compares two arrays of `dims`' element count of dtype `dtype`.
OutputCheck compare_output(const std::string& name, DType dtype, const std::vector<uint64_t>& dims, const void* got,
                           const void* expected, const Tolerance& tolerance, size_t max_reported = 5);

// A custom checker's verdict turned into an OutputCheck.
OutputCheck custom_check_result(const std::string& name, uint64_t count, bool accepted, const std::string& reason);

// The first element that differs bit-wise between two byte images of an input, or -1.
int64_t first_changed_element(const void* before, const void* after, uint64_t count, DType dtype);

}  // namespace podium
