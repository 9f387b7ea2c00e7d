#!/usr/bin/env bash
# The timing engine's benchmark: every benchmark shape of every CUDA problem timed by Podium in 3
# fresh evaluator processes and in 3 more with --verify-timer (CUPTI), each problem with its
# solutions/correct/baseline.cu where there is one, else the last of its solutions/correct/ files in
# name order. Writes every evaluation's JSON report to OUT/timer-runs.tar.gz and the table
# (bench/timer/table.py, which says what each column means and which targets it judges) to
# OUT/timer.md; exits non-zero when a target is missed.
#
#   bench/timer/run.sh PODIUM_BINARY OUT_DIR [PROBLEM_DIR...]
#
# TIMER_EVAL_ARGS: more options for every evaluation (e.g. "--input-sets 16").
# Without problem directories: every CUDA problem under problems/. The device's commands have a time
# limit, so a long list can be split between runs and their archives put in one table:
#   for a in A B; do mkdir $a && tar -xzf $a.tar.gz -C $a; done; python3 bench/timer/table.py OUT_DIR A B
set -euo pipefail
podium=$1
out=$2
shift 2
here=$(dirname "$0")
work=$(mktemp -d)
problems=()
for p in "$@"; do problems+=("${p%/}"); done
if ((${#problems[@]} == 0)); then
  for yaml in problems/*/*/problem.yaml; do
    grep -q '^backend: cuda' "$yaml" && problems+=("$(dirname "$yaml")")
  done
fi
for p in "${problems[@]}"; do
  solution=$p/solutions/correct/baseline.cu
  [ -f "$solution" ] || solution=$(ls "$p"/solutions/correct/* | sort | tail -n 1)
  echo "$p $solution" >>"$work/list"
done
# Every reference and solution compiled first, 8 at a time (a test-mode evaluation each), so that the
# timed evaluations find them in the compile cache.
echo "compiling ${#problems[@]} problems' references and solutions"
xargs -P 8 -L 1 sh -c '"$0" eval "$1" "$2" --mode test --json >/dev/null || echo "$1: test evaluation failed" >&2' "$podium" <"$work/list"
# The first timed evaluation on a GPU measures the empty kernel's span and the context kinds once for
# the GPU and driver and keeps them in the cache (src/runner/judge.hpp): done here first, so that the
# table's GPU wall is that of every later evaluation.
read -r first first_solution <"$work/list"
"$podium" eval "$first" "$first_solution" --mode benchmark --cases 1 --json >/dev/null
n=0
while read -r p solution; do
  n=$((n + 1))
  name=$(basename "$(dirname "$p")")-$(basename "$p")
  echo "[$n/${#problems[@]}] $p ($(basename "$solution"))"
  for run in 1 2 3; do
    "$podium" eval "$p" "$solution" --mode benchmark --json ${TIMER_EVAL_ARGS:-} >"$work/$name-$run.json" </dev/null
  done
  for run in 1 2 3; do
    "$podium" eval "$p" "$solution" --mode benchmark --json --verify-timer ${TIMER_EVAL_ARGS:-} >"$work/$name-cupti-$run.json" </dev/null
  done
  # Kept as it goes: what was measured survives a run cut short.
  tar -czf "$out/timer-runs.tar.gz" -C "$work" list $(cd "$work" && ls ./*.json)
done <"$work/list"
python3 "$here/table.py" "$out" "$work"
