// The spec expression language: numbers, precedence, functions, variables, and parse and evaluation
// errors that say what went wrong and where.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/expr.hpp"

using namespace podium;

namespace {

double eval(std::string_view text, const Bindings& vars = {}) { return Expr::parse(text).evaluate(vars); }

// Parses `text`, expecting failure, and returns the error so a test can check message and column.
ExprParseError parse_error(std::string_view text) {
  try {
    Expr::parse(text);
  } catch (const ExprParseError& e) {
    return e;
  }
  ADD_FAILURE() << "'" << text << "' parsed but should not have";
  return ExprParseError("", 0);
}

std::string eval_error(std::string_view text, const Bindings& vars = {}) {
  const Expr e = Expr::parse(text);
  try {
    e.evaluate(vars);
  } catch (const std::runtime_error& err) {
    return err.what();
  }
  ADD_FAILURE() << "'" << text << "' evaluated but should not have";
  return "";
}

}  // namespace

TEST(Expr, ReadsIntegerDecimalAndExponentNumbers) {
  EXPECT_EQ(eval("42"), 42.0);
  EXPECT_EQ(eval("1.5"), 1.5);
  EXPECT_EQ(eval(".25"), 0.25);
  EXPECT_DOUBLE_EQ(eval("1e-5"), 1e-5);
  EXPECT_DOUBLE_EQ(eval("2.5E3"), 2500.0);
  EXPECT_DOUBLE_EQ(eval("3e+2"), 300.0);
}

TEST(Expr, MultiplicationBindsTighterThanAdditionAndParenthesesOverride) {
  EXPECT_EQ(eval("2+3*4"), 14.0);
  EXPECT_EQ(eval("(2+3)*4"), 20.0);
  EXPECT_EQ(eval("10-4-3"), 3.0);  // left-associative
  EXPECT_EQ(eval("24/4/2"), 3.0);
  EXPECT_EQ(eval("7/2"), 3.5);     // division is in double, not integer
}

TEST(Expr, PowerIsRightAssociativeAndBindsTighterThanUnaryMinus) {
  EXPECT_EQ(eval("2**3**2"), 512.0);
  EXPECT_EQ(eval("-2**2"), -4.0);
  EXPECT_EQ(eval("(-2)**2"), 4.0);
  EXPECT_EQ(eval("2**-1"), 0.5);
  EXPECT_EQ(eval("2**20"), 1048576.0);
  EXPECT_EQ(eval("3*2**2"), 12.0);
}

TEST(Expr, UnaryMinusNestsAndAppliesToParenthesesAndNames) {
  EXPECT_EQ(eval("--3"), 3.0);
  EXPECT_EQ(eval("-(1+2)"), -3.0);
  EXPECT_EQ(eval("4 - -n", {{"n", 1}}), 5.0);
}

TEST(Expr, ModuloIsFloatingFmod) {
  EXPECT_EQ(eval("7 % 3"), 1.0);
  EXPECT_DOUBLE_EQ(eval("7.5 % 2"), 1.5);
  EXPECT_EQ(eval("-7 % 3"), -1.0);  // sign follows the dividend, as fmod does
  EXPECT_EQ(eval("2 + 7 % 3 * 2"), 4.0);
}

TEST(Expr, WhitespaceIsAllowedAnywhereBetweenTokens) {
  EXPECT_EQ(eval("  2 *\t( 3 +4 ) \n"), 14.0);
  EXPECT_EQ(eval("max ( 1 , 2 )"), 2.0);
  EXPECT_EQ(eval("2 ** 3"), 8.0);
}

TEST(Expr, EvaluatesTheCostModelsProblemSpecsUse) {
  const Bindings mnk{{"m", 128}, {"n", 256}, {"k", 64}};
  EXPECT_EQ(eval("2*m*n*k", mnk), 2.0 * 128 * 256 * 64);
  EXPECT_EQ(eval("4*(m*k + k*n)", mnk), 4.0 * (128 * 64 + 64 * 256));
  EXPECT_EQ(eval("n*n", mnk), 256.0 * 256);
  EXPECT_EQ(eval("ceil(n/100)", mnk), 3.0);
}

TEST(Expr, BuiltInFunctionsComputeWhatTheirNamesSay) {
  EXPECT_EQ(eval("min(3, 2)"), 2.0);
  EXPECT_EQ(eval("max(3, 2)"), 3.0);
  EXPECT_EQ(eval("ceil(1000/256)"), 4.0);
  EXPECT_EQ(eval("floor(1000/256)"), 3.0);
  EXPECT_EQ(eval("floor(-1.5)"), -2.0);
  EXPECT_EQ(eval("log2(1024)"), 10.0);
  EXPECT_EQ(eval("sqrt(16)"), 4.0);
  EXPECT_EQ(eval("abs(-3)"), 3.0);
  EXPECT_EQ(eval("max(a, min(b, 10)) + 1", {{"a", 4}, {"b", 7}}), 8.0);
}

TEST(Expr, NamesMayHoldUnderscoresAndDigitsAfterTheFirstCharacter) {
  EXPECT_EQ(eval("block_size2 * _x", {{"block_size2", 3}, {"_x", 5}}), 15.0);
}

TEST(Expr, VariablesAreListedSortedAndUnique) {
  const Expr e = Expr::parse("2*m*n*k + m + max(k, batch)");
  EXPECT_EQ(e.variables(), (std::vector<std::string>{"batch", "k", "m", "n"}));
  EXPECT_TRUE(Expr::parse("2**20").variables().empty());
}

TEST(Expr, KeepsItsSourceTextAndCopiesEvaluateAlike) {
  const Expr e = Expr::parse("n * 2");
  EXPECT_EQ(e.text(), "n * 2");
  const Expr copy = e;
  EXPECT_EQ(copy.evaluate({{"n", 21}}), 42.0);
  EXPECT_EQ(e.evaluate({{"n", 5}}), 10.0);
}

TEST(ExprParseError, UnexpectedTokenNamesItAndItsColumn) {
  const auto e = parse_error("max(1,)");
  EXPECT_STREQ(e.what(), "unexpected ')' at column 7");
  EXPECT_EQ(e.column(), 7u);

  const auto extra = parse_error("(1+2))");
  EXPECT_STREQ(extra.what(), "unexpected ')' at column 6");
  EXPECT_EQ(extra.column(), 6u);

  const auto juxtaposed = parse_error("2 n");
  EXPECT_STREQ(juxtaposed.what(), "unexpected 'n' at column 3");
  EXPECT_EQ(juxtaposed.column(), 3u);

  const auto stray = parse_error("1 + $");
  EXPECT_STREQ(stray.what(), "unexpected '$' at column 5");
  EXPECT_EQ(stray.column(), 5u);
}

TEST(ExprParseError, UnknownFunctionPointsAtItsName) {
  const auto e = parse_error("foo(1)");
  EXPECT_EQ(std::string(e.what()).rfind("unknown function 'foo'", 0), 0u) << e.what();
  EXPECT_NE(std::string(e.what()).find("at column 1"), std::string::npos) << e.what();
  EXPECT_EQ(e.column(), 1u);
  EXPECT_EQ(parse_error("2 * bar(x)").column(), 5u);
}

TEST(ExprParseError, TruncatedInputSaysWhatWasExpectedAtEndOfInput) {
  const auto e = parse_error("2 *");
  EXPECT_STREQ(e.what(), "expected expression at end of input");
  EXPECT_EQ(e.column(), 4u);
  EXPECT_STREQ(parse_error("").what(), "expected expression at end of input");
  EXPECT_STREQ(parse_error("   ").what(), "expected expression at end of input");
  EXPECT_STREQ(parse_error("(1 + 2").what(), "expected ')' at end of input");
  EXPECT_STREQ(parse_error("max(1, 2").what(), "expected ')' at end of input");
}

TEST(ExprParseError, MissingCloseParenthesisNamesWhatWasFoundInstead) {
  const auto e = parse_error("(1 2)");
  EXPECT_STREQ(e.what(), "expected ')' but found '2' at column 4");
  EXPECT_EQ(e.column(), 4u);
}

TEST(ExprParseError, WrongArgumentCountNamesTheFunctionAndArity) {
  EXPECT_STREQ(parse_error("max(1)").what(), "function 'max' takes 2 arguments, got 1 at column 1");
  EXPECT_STREQ(parse_error("1 + ceil(1, 2)").what(), "function 'ceil' takes 1 argument, got 2 at column 5");
}

TEST(ExprParseError, MalformedNumbersAreReportedWhole) {
  const auto e = parse_error("2 * 1.2.3");
  EXPECT_STREQ(e.what(), "unexpected '.3' at column 8");
  EXPECT_STREQ(parse_error("12ab").what(), "malformed number '12a' at column 1");
  EXPECT_STREQ(parse_error("2e").what(), "malformed number '2e' at column 1");
  EXPECT_STREQ(parse_error(".").what(), "malformed number '.' at column 1");
}

TEST(ExprParseError, IsARuntimeError) {
  EXPECT_THROW(Expr::parse("*"), std::runtime_error);
}

TEST(ExprEvaluate, UnknownVariableIsNamed) {
  EXPECT_EQ(eval_error("2*m*n", {{"n", 1}}), "unknown variable 'm'");
  EXPECT_EQ(eval_error("k"), "unknown variable 'k'");
}

TEST(ExprEvaluate, DivisionAndModuloByZeroAreErrors) {
  EXPECT_EQ(eval_error("1/(n-n)", {{"n", 3}}), "division by zero");
  EXPECT_EQ(eval_error("5 % 0"), "modulo by zero");
}

TEST(ExprEvaluate, FunctionsOutsideTheirDomainAreErrorsNotNaN) {
  EXPECT_NE(eval_error("log2(0)").find("log2 of non-positive value"), std::string::npos);
  EXPECT_NE(eval_error("sqrt(-4)").find("sqrt of negative value"), std::string::npos);
}
