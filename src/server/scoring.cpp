// See scoring.hpp.
#include "server/scoring.hpp"

#include <algorithm>
#include <stdexcept>

namespace podium {

std::vector<std::string> mode_phases(const std::string& mode) {
  if (mode == "test") return {"test"};
  if (mode == "benchmark") return {"test", "benchmark"};
  if (mode == "leaderboard") return {"test", "benchmark", "ranked"};
  throw std::invalid_argument("unknown mode '" + mode + "' (test, benchmark or leaderboard)");
}

namespace {

// The phase whose timing is the submission's score; empty for test mode.
std::string scored_phase(const std::string& mode) {
  if (mode == "leaderboard") return "ranked";
  if (mode == "benchmark") return "benchmark";
  return "";
}

// Phases must be among the mode's, each at most once, in the mode's order. A benchmark submission's
// test phase is optional.
void check_phases(const std::string& mode, const std::vector<PhaseReport>& phases) {
  const auto allowed = mode_phases(mode);
  if (phases.empty()) throw std::invalid_argument("the result has no runs; a " + mode + " job reports at least one phase");
  size_t next = 0;  // index into `allowed` of the earliest phase that may come next
  for (const auto& p : phases) {
    const auto at = std::find(allowed.begin(), allowed.end(), p.phase);
    if (at == allowed.end()) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      throw std::invalid_argument("phase '" + p.phase + "' is not one of a " + mode + " job's phases (" + list + ")");
    }
    const size_t index = static_cast<size_t>(at - allowed.begin());
    if (index < next) throw std::invalid_argument("phase '" + p.phase + "' is repeated or out of order");
    if (mode != "benchmark" && index != next)
      throw std::invalid_argument("phase '" + p.phase + "' comes before phase '" + allowed[next] + "'");
    next = index + 1;
  }
}

Run run_of(const PhaseReport& p, RankingRule rule) {
  Run r;
  r.phase = p.phase;
  r.verdict = std::string(verdict_name(p.report.verdict));
  r.message = p.report.message;
  r.score_seconds = p.report.score_seconds;
  r.sol_fraction = sol_fraction(p.report, rule);
  r.device_name = p.report.device.name;
  r.driver = p.report.device.driver;
  r.sm_clock_mhz = p.report.device.sm_clock_mhz;
  r.report_json = nlohmann::json(p.report).dump();
  return r;
}

}  // namespace

std::optional<double> sol_fraction(const EvalReport& report, RankingRule rule) {
  std::vector<double> fractions;
  for (const auto& c : report.cases) {
    if (!c.timing) continue;
    if (!c.sol_seconds || !(c.timing->summary.mean > 0)) return std::nullopt;
    fractions.push_back(*c.sol_seconds / c.timing->summary.mean);
  }
  if (fractions.empty()) return std::nullopt;
  try {
    return aggregate(rule, fractions);
  } catch (const std::invalid_argument&) {
    return std::nullopt;  // a geometric mean over a zero speed of light: no meaningful fraction
  }
}

JobResult score_job(const std::string& mode, RankingRule rule, const std::vector<PhaseReport>& phases) {
  check_phases(mode, phases);
  JobResult result;
  for (const auto& p : phases) result.runs.push_back(run_of(p, rule));

  const auto failed = std::find_if(result.runs.begin(), result.runs.end(),
                                   [](const Run& r) { return r.verdict != verdict_name(Verdict::accepted); });
  if (failed != result.runs.end()) {
    result.verdict = failed->verdict;
    result.message = failed->phase + ": " + failed->message;
    return result;
  }

  const std::string scored = scored_phase(mode);
  const auto scored_run = std::find_if(result.runs.begin(), result.runs.end(), [&](const Run& r) { return r.phase == scored; });
  if (!scored.empty() && scored_run == result.runs.end()) {
    result.verdict = std::string(verdict_name(Verdict::internal_error));
    result.message = "the worker reported no " + scored + " phase, and no phase failed";
    return result;
  }
  result.verdict = std::string(verdict_name(Verdict::accepted));
  if (scored.empty()) {
    result.message = result.runs.back().message;
    return result;
  }
  // The phases are a prefix of the mode's (check_phases) that reaches the scored, last, phase: a
  // leaderboard job here has all three, all accepted.
  result.message = scored_run->message;
  result.score_seconds = scored_run->score_seconds;
  result.sol_fraction = scored_run->sol_fraction;
  result.counts = mode == "leaderboard" && result.score_seconds.has_value();
  return result;
}

}  // namespace podium
