// problem.yaml parsing: a valid spec in full, and for each kind of mistake an error that names the
// file, the line and the field.
#include <gtest/gtest.h>

#include <string>

#include "core/problem.hpp"

using namespace podium;

namespace {

const char* kValid = R"(format: 1
slug: vector-addition
title: Vector Addition
backend: cuda
reference: reference.cu
template: template.cu
seed: 7
ranking: mean
compile: {flags: ["-O3"]}
parameters:
  - {name: a, dtype: f32, role: input, shape: [n], distribution: {kind: uniform, low: -1, high: 1}}
  - {name: b, dtype: f16, role: input, shape: [n]}
  - {name: out, dtype: f32, role: output, shape: [n]}
  - {name: n, dtype: u64, ctype: size_t, role: scalar, value: n}
tolerance: {rtol: 1.0e-5, atol: 1.0e-8}
cost: {flops: n, bytes: 10 * n}
cases:
  test: [{n: 1}, {n: 1000, name: small}]
  benchmark: [{n: 16777216}]
)";

// Replaces the first occurrence of `from` in the valid spec, parses, and returns the error text.
std::string error_after(const std::string& from, const std::string& to) {
  std::string text = kValid;
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
  try {
    parse_problem(text, "p/problem.yaml");
  } catch (const SpecError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no error for " << to;
  return "";
}

}  // namespace

TEST(ProblemSpec, ParsesEveryFieldOfAValidSpec) {
  const auto spec = parse_problem(kValid, "p/problem.yaml");
  EXPECT_EQ(spec.slug, "vector-addition");
  EXPECT_EQ(spec.backend, BackendKind::cuda);
  EXPECT_EQ(spec.seed, 7u);
  EXPECT_EQ(spec.ranking, RankingRule::mean);
  ASSERT_EQ(spec.parameters.size(), 4u);
  EXPECT_EQ(spec.parameters[0].distribution, DistributionKind::uniform);
  EXPECT_EQ(spec.parameters[1].distribution, DistributionKind::normal);
  EXPECT_EQ(distribution_for(spec.parameters[0], spec.test_cases[0].vars).a, -1.0);
  EXPECT_EQ(spec.test_cases.size(), 2u);
  EXPECT_EQ(spec.test_cases[0].name, "n=1");
  EXPECT_EQ(spec.test_cases[1].name, "small");
  EXPECT_EQ(spec.ranked_cases.size(), 1u) << "ranked cases default to the benchmark cases";
  EXPECT_EQ(element_count(spec.parameters[2], spec.benchmark_cases[0].vars), 16777216u);
  EXPECT_EQ(spec.cost.bytes->evaluate(spec.test_cases[1].vars), 10000.0);
}

TEST(ProblemSpec, GeneratesTheCSignatureInParameterOrder) {
  const auto spec = parse_problem(kValid, "p/problem.yaml");
  EXPECT_EQ(c_signature(spec, "solution"),
            "extern \"C\" void solution(const float* a, const __half* b, float* out, size_t n)");
}

TEST(ProblemSpec, ACudaProblemMayNameACpuReference) {
  EXPECT_EQ(parse_problem(kValid, "p/problem.yaml").cpu_reference_file, "") << "optional";
  std::string text = kValid;
  text.replace(text.find("reference: reference.cu\n"), 24, "reference: reference.cu\ncpu_reference: reference_cpu.cpp\n");
  EXPECT_EQ(parse_problem(text, "p/problem.yaml").cpu_reference_file, "reference_cpu.cpp");
}

TEST(ProblemSpecErrors, ACpuProblemHasNoCpuReference) {
  std::string text = kValid;
  text.replace(text.find("reference: reference.cu\n"), 24, "reference: reference.cu\ncpu_reference: reference_cpu.cpp\n");
  text.replace(text.find("backend: cuda"), 13, "backend: cpu");
  try {
    parse_problem(text, "p/problem.yaml");
    FAIL() << "a cpu problem's cpu_reference was accepted";
  } catch (const SpecError& e) {
    EXPECT_NE(std::string(e.what()).find("p/problem.yaml:6: cpu_reference: only cuda problems have one"), std::string::npos)
        << e.what();
  }
}

TEST(ProblemSpec, CaseSeedsDependOnSetIndexAndSecret) {
  const auto spec = parse_problem(kValid, "p/problem.yaml");
  const auto s0 = case_seed(spec, CaseSet::test, 0, std::nullopt);
  EXPECT_EQ(s0, case_seed(spec, CaseSet::test, 0, std::nullopt));
  EXPECT_NE(s0, case_seed(spec, CaseSet::test, 1, std::nullopt));
  EXPECT_NE(case_seed(spec, CaseSet::benchmark, 0, std::nullopt), case_seed(spec, CaseSet::ranked, 0, std::nullopt));
  EXPECT_NE(s0, case_seed(spec, CaseSet::test, 0, 12345));
  EXPECT_NE(case_seed(spec, CaseSet::test, 0, 1), case_seed(spec, CaseSet::test, 0, 2));
}

TEST(ProblemSpecErrors, UnknownDTypeNamesFileLineFieldAndChoices) {
  const auto e = error_after("dtype: f16", "dtype: f17");
  EXPECT_NE(e.find("p/problem.yaml:12: parameters[1].dtype: unknown dtype 'f17'"), std::string::npos) << e;
  EXPECT_NE(e.find("bf16"), std::string::npos) << e;
}

TEST(ProblemSpecErrors, MissingRequiredFieldIsNamed) {
  const auto e = error_after("title: Vector Addition\n", "");
  EXPECT_NE(e.find("missing required field 'title'"), std::string::npos) << e;
}

TEST(ProblemSpecErrors, MisspeltFieldIsRejectedWithTheAllowedOnes) {
  const auto e = error_after("ranking: mean", "rankin: mean");
  EXPECT_NE(e.find("rankin: unknown field 'rankin'"), std::string::npos) << e;
}

TEST(ProblemSpecErrors, BadExpressionIsShownWithItsField) {
  const auto e = error_after("bytes: 10 * n", "bytes: 10 * (n");
  EXPECT_NE(e.find("cost.bytes: bad expression '10 * (n'"), std::string::npos) << e;
}

TEST(ProblemSpecErrors, CaseMissingAVariableSaysWhichAndWhereItIsUsed) {
  const auto e = error_after("{n: 1000, name: small}", "{m: 1000}");
  EXPECT_NE(e.find("cases.test[1]: missing variable 'n'"), std::string::npos) << e;
}

TEST(ProblemSpecErrors, TwoTolerancesAtOnceAreRejected) {
  const auto e = error_after("{rtol: 1.0e-5, atol: 1.0e-8}", "{rtol: 1.0e-5, exact: true}");
  EXPECT_NE(e.find("tolerance: give exactly one of"), std::string::npos) << e;
}

TEST(ProblemSpecErrors, FractionalShapeIsRejected) {
  const auto e = error_after("shape: [n], distribution: {kind: uniform", "shape: [n / 3], distribution: {kind: uniform");
  EXPECT_NE(e.find("cases.test[0]: shape of 'a': dimension 'n / 3' = 0.333"), std::string::npos) << e;
}

TEST(ProblemSpecErrors, UnknownRoleBackendAndDistribution) {
  EXPECT_NE(error_after("role: output", "role: outptu").find("parameters[2].role: unknown role 'outptu'"), std::string::npos);
  EXPECT_NE(error_after("backend: cuda", "backend: rocm").find("backend: unknown backend 'rocm'"), std::string::npos);
  EXPECT_NE(error_after("kind: uniform", "kind: gaussian").find("parameters[0].distribution.kind: unknown distribution"),
            std::string::npos);
}

TEST(ProblemSpecErrors, InvalidYamlGivesTheLine) {
  try {
    parse_problem("format: 1\nslug: [unclosed\n", "q/problem.yaml");
    FAIL();
  } catch (const SpecError& e) {
    EXPECT_NE(std::string(e.what()).find("q/problem.yaml:"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("not valid YAML"), std::string::npos);
  }
}

TEST(ProblemSpecErrors, ProblemWithoutOutputsIsRejected) {
  const auto e = error_after("role: output", "role: input");
  EXPECT_NE(e.find("parameters: needs at least one parameter with role: output"), std::string::npos) << e;
}

namespace {

const char* kHistogram = R"yaml(format: 1
slug: hist
title: Histogram
backend: cuda
reference: reference.cu
template: template.cu
parameters:
  - {name: data, dtype: u8, role: input, shape: [n], distribution: {kind: contended, low: 0, high: 255, value: 17, percent: contention}}
  - {name: info, dtype: u64, ctype: size_t, role: host_array, values: [n, "n * 2"]}
  - {name: bins, dtype: i32, role: output, shape: [256]}
tolerance: {rtol: "1e-5 * sqrt(n)", atol: 0.5}
cases:
  test: [{n: 100, contention: 50}, {n: 10000, contention: 100}]
)yaml";

}  // namespace

TEST(ProblemSpec, ToleranceMayBeAnExpressionOfTheCase) {
  const auto spec = parse_problem(kHistogram, "h/problem.yaml");
  EXPECT_NEAR(spec.tolerance.for_case(spec.test_cases[0].vars).rtol, 1e-4, 1e-12);
  EXPECT_NEAR(spec.tolerance.for_case(spec.test_cases[1].vars).rtol, 1e-3, 1e-12);
  EXPECT_EQ(spec.tolerance.for_case(spec.test_cases[1].vars).atol, 0.5);
}

TEST(ProblemSpec, DistributionFieldsMayUseCaseVariables) {
  const auto spec = parse_problem(kHistogram, "h/problem.yaml");
  const auto d = distribution_for(spec.parameters[0], spec.test_cases[0].vars);
  EXPECT_EQ(d.kind, DistributionKind::contended);
  EXPECT_EQ(d.c, 17.0);
  EXPECT_EQ(d.d, 50.0);
  EXPECT_EQ(distribution_for(spec.parameters[0], spec.test_cases[1].vars).d, 100.0);
}

TEST(ProblemSpec, HostArraysArePassedAsConstPointers) {
  const auto spec = parse_problem(kHistogram, "h/problem.yaml");
  EXPECT_EQ(c_signature(spec, "solution"), "extern \"C\" void solution(const uint8_t* data, const size_t* info, int32_t* bins)");
  EXPECT_EQ(spec.parameters[1].values.at(1).evaluate(spec.test_cases[0].vars), 200.0);
}

TEST(ProblemSpec, DeviceArraysAndZeroedOutputsAreDeclaredInTheSpec) {
  std::string text = kHistogram;
  text.replace(text.find("role: host_array"), 16, "role: device_array");
  text.replace(text.find("backend: cuda\n"), 14, "backend: cuda\noutputs: zeroed\n");
  const auto spec = parse_problem(text, "h/problem.yaml");
  EXPECT_EQ(spec.parameters[1].role, Role::device_array);
  EXPECT_EQ(spec.outputs, OutputInit::zero);
  EXPECT_EQ(c_signature(spec, "solution"), "extern \"C\" void solution(const uint8_t* data, const size_t* info, int32_t* bins)");
  EXPECT_EQ(parse_problem(kHistogram, "h/problem.yaml").outputs, OutputInit::poison);
  text.replace(text.find("outputs: zeroed"), 15, "outputs: zeros!");
  EXPECT_THROW(parse_problem(text, "h/problem.yaml"), SpecError);
}

TEST(ProblemSpecErrors, AContentionOutsideZeroToHundredNamesTheCase) {
  std::string text = kHistogram;
  text.replace(text.find("{n: 10000, contention: 100}"), 27, "{n: 10000, contention: 101}");
  try {
    parse_problem(text, "h/problem.yaml");
    FAIL();
  } catch (const SpecError& e) {
    EXPECT_NE(std::string(e.what()).find("cases.test[1]: distribution of 'data': percent 101 is not in [0, 100]"), std::string::npos)
        << e.what();
  }
}
