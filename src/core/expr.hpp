// The small arithmetic language that problem specs use for shapes, scalar values and cost models:
// `2*m*n*k`, `4*(m*k + k*n)`, `ceil(n/256)`, `2**20`, `max(a,b)`, `log2(n)`. Parsed once into a tree,
// evaluated in double against named bindings.
//
// Grammar (lowest precedence first; `**` follows Python, so -2**2 is -4 and 2**-1 is 0.5):
//   expr    := term (('+' | '-') term)*
//   term    := unary (('*' | '/' | '%') unary)*
//   unary   := '-' unary | power
//   power   := primary ('**' unary)?          right-associative
//   primary := number | name | name '(' expr (',' expr)* ')' | '(' expr ')'
// Numbers: 12, 1.5, .5, 1e-5. Names: [A-Za-z_][A-Za-z0-9_]*. `%` is floating fmod.
// Functions: min(a,b) max(a,b) ceil(x) floor(x) log2(x) sqrt(x) abs(x).
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace podium {

using Bindings = std::map<std::string, double, std::less<>>;

// A parse problem as a value: what went wrong and where (1-based column; text size + 1 means "at end").
struct ExprError {
  std::string message;
  size_t column;
};

class ExprParseError : public std::runtime_error {
 public:
  ExprParseError(std::string msg, size_t column);
  size_t column() const;

 private:
  size_t column_;
};

class Expr {
 public:
  // Throws ExprParseError, e.g. "unexpected ')' at column 7", "unknown function 'foo' at column 1",
  // "expected expression at end of input".
  static Expr parse(std::string_view text);
  // Throws std::runtime_error, e.g. "unknown variable 'm'", "division by zero".
  double evaluate(const Bindings& vars) const;
  // The variable names referenced, sorted and unique.
  std::vector<std::string> variables() const;
  const std::string& text() const;

  struct Node;  // defined in expr.cpp; the tree is immutable and shared between copies

 private:
  Expr() = default;  // only parse() makes one, so every Expr has a tree
  std::string text_;
  std::shared_ptr<const Node> root_;
  std::vector<std::string> variables_;
};

}  // namespace podium
