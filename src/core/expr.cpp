// Recursive-descent parser and tree evaluator for the spec expression language (grammar in expr.hpp).
#include "core/expr.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iterator>
#include <set>

namespace podium {

namespace {

enum class Func { min, max, ceil, floor, log2, sqrt, abs };

struct FuncInfo {
  std::string_view name;
  Func func;
  size_t arity;
};

constexpr FuncInfo kFunctions[] = {
    {"min", Func::min, 2},   {"max", Func::max, 2},   {"ceil", Func::ceil, 1}, {"floor", Func::floor, 1},
    {"log2", Func::log2, 1}, {"sqrt", Func::sqrt, 1}, {"abs", Func::abs, 1},
};

bool is_name_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_name_char(char c) { return is_name_start(c) || is_digit(c); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

struct Expr::Node {
  enum class Kind { number, variable, negate, binary, call };
  Kind kind;
  double value = 0;           // number
  std::string name;           // variable
  char op = 0;                // binary: + - * / % and '^' for **
  Func func = Func::min;      // call
  std::vector<std::shared_ptr<const Node>> args;  // operands of negate, binary and call
};

namespace {

using Node = Expr::Node;
using NodePtr = std::shared_ptr<const Node>;

NodePtr make_number(double v) {
  auto n = std::make_shared<Node>();
  n->kind = Node::Kind::number;
  n->value = v;
  return n;
}

NodePtr make_variable(std::string name) {
  auto n = std::make_shared<Node>();
  n->kind = Node::Kind::variable;
  n->name = std::move(name);
  return n;
}

NodePtr make_negate(NodePtr x) {
  auto n = std::make_shared<Node>();
  n->kind = Node::Kind::negate;
  n->args.push_back(std::move(x));
  return n;
}

NodePtr make_binary(char op, NodePtr a, NodePtr b) {
  auto n = std::make_shared<Node>();
  n->kind = Node::Kind::binary;
  n->op = op;
  n->args.push_back(std::move(a));
  n->args.push_back(std::move(b));
  return n;
}

NodePtr make_call(Func f, std::vector<NodePtr> args) {
  auto n = std::make_shared<Node>();
  n->kind = Node::Kind::call;
  n->func = f;
  n->args = std::move(args);
  return n;
}

// Scans and parses in one pass: the language is small enough that a separate token list buys nothing.
class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  NodePtr parse_all() {
    NodePtr root = parse_expr();
    skip_space();
    if (pos_ < text_.size()) fail_unexpected();
    return root;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;

  void skip_space() {
    while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
  }

  bool at_end() {
    skip_space();
    return pos_ >= text_.size();
  }

  // Consumes `tok` if it comes next. "*" does not match the first half of "**".
  bool accept(std::string_view tok) {
    skip_space();
    if (text_.substr(pos_, tok.size()) != tok) return false;
    if (tok == "*" && text_.substr(pos_, 2) == "**") return false;
    pos_ += tok.size();
    return true;
  }

  // The token at pos_, as the user wrote it, for messages.
  std::string_view current_token() const {
    size_t end = pos_ + 1;
    if (is_name_char(text_[pos_]) || text_[pos_] == '.') {
      while (end < text_.size() && (is_name_char(text_[end]) || text_[end] == '.')) ++end;
    } else if (text_.substr(pos_, 2) == "**") {
      end = pos_ + 2;
    }
    return text_.substr(pos_, end - pos_);
  }

  [[noreturn]] void fail(const std::string& what, size_t pos) const {
    throw ExprParseError(what + " at column " + std::to_string(pos + 1), pos + 1);
  }

  // `wanted` names what the grammar needed here; at end of input that is the useful thing to say.
  [[noreturn]] void fail_unexpected(std::string_view wanted = {}) {
    if (at_end()) {
      throw ExprParseError("expected " + std::string(wanted.empty() ? "operator" : wanted) + " at end of input",
                           text_.size() + 1);
    }
    const std::string found = "'" + std::string(current_token()) + "'";
    if (wanted.empty() || wanted == "expression") fail("unexpected " + found, pos_);
    fail("expected " + std::string(wanted) + " but found " + found, pos_);
  }

  NodePtr parse_expr() {
    NodePtr lhs = parse_term();
    for (;;) {
      if (accept("+")) {
        lhs = make_binary('+', lhs, parse_term());
      } else if (accept("-")) {
        lhs = make_binary('-', lhs, parse_term());
      } else {
        return lhs;
      }
    }
  }

  NodePtr parse_term() {
    NodePtr lhs = parse_unary();
    for (;;) {
      if (accept("*")) {
        lhs = make_binary('*', lhs, parse_unary());
      } else if (accept("/")) {
        lhs = make_binary('/', lhs, parse_unary());
      } else if (accept("%")) {
        lhs = make_binary('%', lhs, parse_unary());
      } else {
        return lhs;
      }
    }
  }

  NodePtr parse_unary() {
    if (accept("-")) return make_negate(parse_unary());
    return parse_power();
  }

  // The right operand is a unary so that 2**-1 parses and 2**3**2 groups as 2**(3**2).
  NodePtr parse_power() {
    NodePtr base = parse_primary();
    if (accept("**")) return make_binary('^', base, parse_unary());
    return base;
  }

  NodePtr parse_primary() {
    if (at_end()) fail_unexpected("expression");
    const char c = text_[pos_];
    if (is_digit(c) || c == '.') return parse_number();
    if (is_name_start(c)) return parse_name();
    if (accept("(")) {
      NodePtr inner = parse_expr();
      if (!accept(")")) fail_unexpected("')'");
      return inner;
    }
    fail_unexpected("expression");
  }

  NodePtr parse_number() {
    const size_t start = pos_;
    while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    }
    // An exponent only counts when digits follow, so "2e" reports the stray 'e' rather than a bad number.
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      size_t p = pos_ + 1;
      if (p < text_.size() && (text_[p] == '+' || text_[p] == '-')) ++p;
      if (p < text_.size() && is_digit(text_[p])) {
        while (p < text_.size() && is_digit(text_[p])) ++p;
        pos_ = p;
      }
    }
    double v = 0;
    const auto r = std::from_chars(text_.data() + start, text_.data() + pos_, v);
    if (r.ec != std::errc() || r.ptr != text_.data() + pos_) {
      fail("malformed number '" + std::string(text_.substr(start, pos_ - start)) + "'", start);
    }
    if (pos_ < text_.size() && is_name_char(text_[pos_])) {
      fail("malformed number '" + std::string(text_.substr(start, pos_ - start + 1)) + "'", start);
    }
    return make_number(v);
  }

  NodePtr parse_name() {
    const size_t start = pos_;
    while (pos_ < text_.size() && is_name_char(text_[pos_])) ++pos_;
    std::string name(text_.substr(start, pos_ - start));
    if (!accept("(")) return make_variable(std::move(name));

    const auto* info = std::find_if(std::begin(kFunctions), std::end(kFunctions),
                                    [&](const FuncInfo& f) { return f.name == name; });
    if (info == std::end(kFunctions)) {
      fail("unknown function '" + name + "' (known: min, max, ceil, floor, log2, sqrt, abs)", start);
    }
    std::vector<NodePtr> args;
    args.push_back(parse_expr());
    while (accept(",")) args.push_back(parse_expr());
    if (!accept(")")) fail_unexpected("')'");
    if (args.size() != info->arity) {
      fail("function '" + name + "' takes " + std::to_string(info->arity) + " argument" +
               (info->arity == 1 ? "" : "s") + ", got " + std::to_string(args.size()),
           start);
    }
    return make_call(info->func, std::move(args));
  }
};

void collect_variables(const Node& n, std::set<std::string>& out) {
  if (n.kind == Node::Kind::variable) out.insert(n.name);
  for (const auto& a : n.args) collect_variables(*a, out);
}

double eval(const Node& n, const Bindings& vars) {
  switch (n.kind) {
    case Node::Kind::number:
      return n.value;
    case Node::Kind::variable: {
      const auto it = vars.find(n.name);
      if (it == vars.end()) throw std::runtime_error("unknown variable '" + n.name + "'");
      return it->second;
    }
    case Node::Kind::negate:
      return -eval(*n.args[0], vars);
    case Node::Kind::binary: {
      const double a = eval(*n.args[0], vars);
      const double b = eval(*n.args[1], vars);
      switch (n.op) {
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        case '/':
          if (b == 0) throw std::runtime_error("division by zero");
          return a / b;
        case '%':
          if (b == 0) throw std::runtime_error("modulo by zero");
          return std::fmod(a, b);
        default: return std::pow(a, b);
      }
    }
    case Node::Kind::call: {
      const double x = eval(*n.args[0], vars);
      switch (n.func) {
        case Func::min: return std::min(x, eval(*n.args[1], vars));
        case Func::max: return std::max(x, eval(*n.args[1], vars));
        case Func::ceil: return std::ceil(x);
        case Func::floor: return std::floor(x);
        // Domain errors throw rather than yield NaN: a NaN shape or cost would surface far from its cause.
        case Func::log2:
          if (!(x > 0)) throw std::runtime_error("log2 of non-positive value " + std::to_string(x));
          return std::log2(x);
        case Func::sqrt:
          if (x < 0) throw std::runtime_error("sqrt of negative value " + std::to_string(x));
          return std::sqrt(x);
        case Func::abs: return std::fabs(x);
      }
    }
  }
  throw std::logic_error("expression node of unknown kind");
}

}  // namespace

ExprParseError::ExprParseError(std::string msg, size_t column) : std::runtime_error(std::move(msg)), column_(column) {}

size_t ExprParseError::column() const { return column_; }

Expr Expr::parse(std::string_view text) {
  Expr e;
  e.text_ = std::string(text);
  e.root_ = Parser(text).parse_all();
  std::set<std::string> names;
  collect_variables(*e.root_, names);
  e.variables_.assign(names.begin(), names.end());
  return e;
}

double Expr::evaluate(const Bindings& vars) const { return eval(*root_, vars); }

std::vector<std::string> Expr::variables() const { return variables_; }

const std::string& Expr::text() const { return text_; }

}  // namespace podium
