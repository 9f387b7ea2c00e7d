// The JSON form of evaluation reports: everything survives the trip between the evaluating child
// and its parent, NaN and infinities included.
#include <gtest/gtest.h>

#include <cmath>

#include "core/report.hpp"

using namespace podium;

TEST(ReportJson, RoundTripsCasesTimingAndNonFiniteMismatches) {
  EvalReport r;
  r.problem = "vector-sum";
  r.mode = "benchmark";
  r.verdict = Verdict::wrong_answer;
  r.message = "output[0] = nan";
  r.device.name = "CPU";
  r.compile.ok = true;
  r.compile.kernels.push_back({"k(float*)", 32, 1024, 0, 0, 0});
  CaseResult c;
  c.set = "benchmark";
  c.name = "n=7";
  OutputCheck oc;
  oc.name = "output";
  oc.passed = false;
  oc.first.push_back({0, "output[0]", NAN, 1.5});
  oc.first.push_back({1, "output[1]", -INFINITY, INFINITY});
  c.outputs.push_back(oc);
  Timing timing;
  timing.summary = summarize(std::vector<double>{1e-6, 2e-6, 3e-6});
  timing.stop = StopReason::converged;
  timing.wall_seconds = 0.25;
  timing.clock = "steady_clock";
  timing.input_sets = 3;
  timing.throttled_samples = 2;
  timing.sm_clock_mhz_max = 1980;
  timing.launch_latency_hidden = true;
  timing.cupti_mean_seconds = 1.9e-6;
  timing.cupti_operations = 2;
  timing.set_means = {1e-6, 3e-6};
  c.timing = timing;
  c.sol_seconds = 5e-7;
  c.seconds = 0.75;
  r.cases.push_back(c);
  r.score_seconds = 2e-6;

  const auto back = nlohmann::json::parse(nlohmann::json(r).dump()).get<EvalReport>();
  EXPECT_EQ(back.verdict, Verdict::wrong_answer);
  EXPECT_EQ(back.compile.kernels.at(0).shared_bytes, 1024);
  const auto& m = back.cases.at(0).outputs.at(0).first;
  EXPECT_TRUE(std::isnan(m.at(0).got));
  EXPECT_EQ(m.at(0).expected, 1.5);
  EXPECT_EQ(m.at(1).got, -INFINITY);
  EXPECT_EQ(m.at(1).expected, INFINITY);
  EXPECT_DOUBLE_EQ(back.cases.at(0).timing->summary.median, 2e-6);
  EXPECT_EQ(back.cases.at(0).timing->stop, StopReason::converged);
  EXPECT_EQ(back.cases.at(0).timing->input_sets, 3u);
  EXPECT_EQ(back.cases.at(0).timing->throttled_samples, 2u);
  EXPECT_EQ(back.cases.at(0).timing->sm_clock_mhz_max, 1980);
  EXPECT_TRUE(back.cases.at(0).timing->launch_latency_hidden);
  EXPECT_DOUBLE_EQ(*back.cases.at(0).timing->cupti_mean_seconds, 1.9e-6);
  EXPECT_EQ(back.cases.at(0).timing->cupti_operations, 2);
  EXPECT_EQ(back.cases.at(0).timing->set_means, (std::vector<double>{1e-6, 3e-6}));
  EXPECT_DOUBLE_EQ(*back.cases.at(0).sol_seconds, 5e-7);
  EXPECT_DOUBLE_EQ(back.cases.at(0).seconds, 0.75);
  EXPECT_DOUBLE_EQ(*back.score_seconds, 2e-6);
}

TEST(ReportJson, RejectsAnotherSchemaVersion) {
  nlohmann::json j = EvalReport{};
  j["schema"] = "podium.eval/2";
  EXPECT_THROW(j.get<EvalReport>(), std::runtime_error);
}
