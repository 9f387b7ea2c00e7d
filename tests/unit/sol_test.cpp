// The speed-of-light model: the catalogue, the lookup, and the arithmetic one would do by hand.
#include <gtest/gtest.h>

#include "core/sol.hpp"

using namespace podium;

namespace {

ProblemSpec matmul_spec() {
  return parse_problem(R"(format: 1
slug: mm
title: MM
backend: cuda
reference: r.cu
template: t.cu
parameters:
  - {name: a, dtype: f32, role: input, shape: [m, k]}
  - {name: b, dtype: f32, role: input, shape: [k, n]}
  - {name: c, dtype: f32, role: output, shape: [m, n]}
tolerance: {rtol: 1.0e-3}
cost: {flops: 2*m*n*k, bytes: 4*(m*k + k*n + m*n)}
cases:
  test: [{m: 1024, n: 1024, k: 1024}, {m: 4096, n: 1, k: 4096}]
)", "mm/problem.yaml");
}

}  // namespace

TEST(SpeedOfLight, IsTheLargerOfComputeAndMemoryTimeAsComputedByHand) {
  const auto spec = matmul_spec();
  const auto h100 = gpu_by_name("h100");
  ASSERT_TRUE(h100);
  const Rates r = h100->realistic();
  const auto square = speed_of_light(spec, spec.test_cases[0].vars, r);
  ASSERT_TRUE(square);
  EXPECT_DOUBLE_EQ(square->flops, 2.0 * 1024 * 1024 * 1024);
  EXPECT_DOUBLE_EQ(square->bytes, 4.0 * 3 * 1024 * 1024);
  EXPECT_DOUBLE_EQ(square->compute_seconds, 2.0 * 1024 * 1024 * 1024 / 51e12);
  EXPECT_DOUBLE_EQ(square->memory_seconds, 4.0 * 3 * 1024 * 1024 / 2.9e12);
  EXPECT_FALSE(square->memory_bound);
  EXPECT_DOUBLE_EQ(square->seconds, square->compute_seconds);
  const auto gemv = speed_of_light(spec, spec.test_cases[1].vars, r);
  EXPECT_TRUE(gemv->memory_bound);
  EXPECT_DOUBLE_EQ(gemv->seconds, 4.0 * (4096.0 * 4096 + 4096 + 4096) / 2.9e12);
}

TEST(SpeedOfLight, OutputWritesThatFitInL2LeaveTheMemoryTerm) {
  const auto spec = matmul_spec();
  const Rates r = gpu_by_name("h100")->realistic();
  const auto vars = spec.test_cases[0].vars;  // 1024^3: a 4 MiB output
  const auto cold = speed_of_light(spec, vars, r, 50u << 20);
  EXPECT_DOUBLE_EQ(cold->absorbed_bytes, 4.0 * 1024 * 1024);
  EXPECT_DOUBLE_EQ(cold->memory_seconds, 4.0 * 2 * 1024 * 1024 / 2.9e12);
  const auto tiny_l2 = speed_of_light(spec, vars, r, 1u << 20);
  EXPECT_DOUBLE_EQ(tiny_l2->absorbed_bytes, 1.0 * (1 << 20)) << "no more than the L2 holds";
  EXPECT_EQ(gpu_by_name("H100 SXM")->l2_bytes, 50u << 20);
}

TEST(SpeedOfLight, PeakRatesGiveALowerFloorThanMeasuredOnes) {
  const auto spec = matmul_spec();
  const auto h100 = *gpu_by_name("H100 SXM");
  EXPECT_LT(speed_of_light(spec, spec.test_cases[0].vars, h100.peak)->seconds,
            speed_of_light(spec, spec.test_cases[0].vars, h100.realistic())->seconds);
}

TEST(GpuCatalogue, HasTheFiveGpusAndMatchesCudaDeviceNames) {
  for (const char* name : {"H100 SXM", "H200", "A100", "L4", "B200"}) EXPECT_TRUE(gpu_by_name(name)) << name;
  EXPECT_EQ(find_gpu("NVIDIA H100 80GB HBM3")->name, "H100 SXM");
  EXPECT_EQ(find_gpu("NVIDIA H200")->name, "H200");
  EXPECT_FALSE(find_gpu("AMD EPYC 7B13"));
}

TEST(GpuCatalogue, AMeasuredEntryForTheDeviceWinsOverTheCatalogue) {
  GpuEntry mine;
  mine.name = "NVIDIA H100 80GB HBM3";
  mine.measured = Rates{3.0e12, 0, 50e12, 0, 0, 0, 0};
  const auto found = find_gpu("NVIDIA H100 80GB HBM3", {mine});
  ASSERT_TRUE(found);
  EXPECT_EQ(found->measured->bandwidth, 3.0e12);
  const auto back = nlohmann::json(mine).get<GpuEntry>();
  EXPECT_EQ(back.measured->f32, 50e12);
}
