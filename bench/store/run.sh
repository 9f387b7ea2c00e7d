#!/usr/bin/env bash
# Fills each store engine with 100k runs (1000 users, 20 problems, leaderboard submissions of three runs
# each) and measures leaderboard reads: reads per second and latency percentiles, one table.
# Options are passed to the benchmark, e.g. `bench/store/run.sh --engine sqlite --runs 30000`.
# Needs the build with tests (scripts/setup.sh makes it) and PostgreSQL's server programs.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${BUILD_DIR:-build}
cmake --build "$build" --target podium_store_bench >/dev/null
"$build/bench/store/podium_store_bench" --runs 100000 --users 1000 --problems 20 "$@"
