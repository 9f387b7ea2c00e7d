// A problem's specification: the data form of problem.yaml (see docs/problem-format.md).
//
// Parsing is pure: it takes the text and a label for messages (the file's path) and returns the spec
// or throws SpecError naming the file, the line, the field and the reason. Reading the directory is
// the evaluator's job (eval/problem_loader).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/dtype.hpp"
#include "core/expr.hpp"
#include "core/random.hpp"
#include "core/stats.hpp"

namespace podium {

class SpecError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class Role : uint8_t { input, output, scalar, host_array, device_array };
std::string_view role_name(Role r);

struct Parameter {
  std::string name;
  DType dtype = DType::f32;
  Role role = Role::input;
  std::vector<Expr> shape;       // input and output
  std::optional<Expr> value;     // scalar
  std::vector<Expr> values;      // host_array, device_array: its elements
  DistributionKind distribution = DistributionKind::normal;  // input
  std::vector<Expr> distribution_fields;  // input: a, b, c, d of Distribution, as expressions
  std::string ctype;             // the C spelling of the element (or scalar) type
};

// The parameter's distribution with its fields evaluated for a case.
Distribution distribution_for(const Parameter& p, const Bindings& vars);

struct Tolerance {
  enum class Kind : uint8_t { close, exact, checker };
  Kind kind = Kind::close;
  double rtol = 1e-5;
  double atol = 1e-8;
  std::string checker_file;  // Kind::checker: relative to the problem directory
  std::optional<Expr> rtol_expr, atol_expr;  // when given as expressions of the case variables

  // rtol and atol evaluated for a case.
  Tolerance for_case(const Bindings& vars) const;
};

struct CostModel {
  std::optional<Expr> flops;
  std::optional<Expr> bytes;
  DType dtype = DType::f32;  // which math rate bounds the flops
};

struct Case {
  std::string name;  // "n=1024" unless given
  Bindings vars;
  std::optional<uint64_t> seed;
};

enum class CaseSet : uint8_t { test, benchmark, ranked };
std::string_view case_set_name(CaseSet s);

// What the solution's outputs hold when it is called: NaN/0xA5 poison (so an element it never writes
// fails), or zeros, for problems whose established contract is zero-filled outputs (Tensara's).
enum class OutputInit : uint8_t { poison, zero };

struct ProblemSpec {
  OutputInit outputs = OutputInit::poison;
  std::string slug;
  std::string title;
  BackendKind backend = BackendKind::cuda;
  std::string description_file = "description.md";
  std::string reference_file;
  // cuda problems only, optional: the same entry point on host pointers, computed in double and
  // compiled with the host compiler, against which the test suite checks the GPU reference.
  std::string cpu_reference_file;
  std::string template_file;
  uint64_t seed = 0;
  RankingRule ranking = RankingRule::geomean;
  std::vector<std::string> compile_flags;
  std::vector<Parameter> parameters;
  Tolerance tolerance;
  CostModel cost;
  std::vector<Case> test_cases;
  std::vector<Case> benchmark_cases;
  std::vector<Case> ranked_cases;

  const std::vector<Case>& cases(CaseSet set) const;
};

ProblemSpec parse_problem(std::string_view yaml_text, std::string_view file_label);

// `extern "C" void NAME(const float* a, ..., size_t n)`
std::string c_signature(const ProblemSpec& spec, std::string_view entry_name);

// The seed of case `index` of `set`: the problem's public seed mixed with the set and index (or the
// case's own seed), then with the secret seed when there is one.
uint64_t case_seed(const ProblemSpec& spec, CaseSet set, size_t index, std::optional<uint64_t> secret);

// Number of elements of an input/output parameter for the case; throws SpecError when a dimension
// is negative or not an integer.
uint64_t element_count(const Parameter& p, const Bindings& vars);
std::vector<uint64_t> dimensions(const Parameter& p, const Bindings& vars);

}  // namespace podium
