// From a worker's reports to a submission's outcome. The worker only reports what each phase measured
// (podium.eval/1); the verdict, the score, the fraction of the speed of light and whether the
// submission enters the leaderboard are decided here, on the server, from those reports.
#pragma once

#include <string>
#include <vector>

#include "core/stats.hpp"
#include "server/json.hpp"
#include "store/store.hpp"

namespace podium {

// The phases a mode runs, in order: test -> test; benchmark -> [test,] benchmark; leaderboard ->
// test, benchmark, ranked. A worker stops after the first phase that is not accepted.
std::vector<std::string> mode_phases(const std::string& mode);

// Fraction of the speed of light of one phase: the ranking rule over the timed cases' sol / mean.
// Nothing when a timed case has no speed of light (CPU problems, GPUs outside the catalogue) or there
// are no timed cases.
std::optional<double> sol_fraction(const EvalReport& report, RankingRule rule);

// The submission's outcome from the phases a worker reported:
// - verdict and message: the first phase that was not accepted; else accepted, with the scored phase's message;
// - score_seconds, sol_fraction: the scored phase's (ranked for leaderboard, benchmark for benchmark
//   mode; none for test), when it was accepted;
// - counts: a leaderboard submission whose three phases were all reported and all accepted.
// A mode whose phases stop short without a failure gets internal_error, naming the missing phase.
// Throws std::invalid_argument when the phases do not fit the mode (unknown, repeated, out of order,
// none at all); the message names the phase.
JobResult score_job(const std::string& mode, RankingRule rule, const std::vector<PhaseReport>& phases);

}  // namespace podium
