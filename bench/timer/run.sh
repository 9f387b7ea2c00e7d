#!/usr/bin/env bash
# The timing engine's benchmark: for every benchmark shape of every CUDA problem under problems/, one
# table row with
#   CUPTI      the solution's device time per call from CUPTI activity records (a --verify-timer run)
#   Podium     Podium's reported mean for the same calls (that run)
#   ratio      Podium / CUPTI: the target's figure
#   3 runs     Podium's reported mean averaged over 3 fresh evaluator processes (plain runs)
#   spread     max/min of the 3 processes' means
#   GPU wall   seconds the evaluating process ran (device set-up, warm-up, every case), mean of the 3
# CUPTI's tracing slows memory-bound kernels by about 2% on an H100, so plain runs of such kernels
# read about 2% under the traced CUPTI time; bench/timer/ncu-crosscheck.sh compares plain runs with
# Nsight Compute instead.
# and writes it to OUT/timer.md.
#
#   bench/timer/run.sh PODIUM_BINARY OUT_DIR [PROBLEM_DIR...]
#
# Without problem directories: every CUDA problem under problems/. Each problem is timed with its
# solutions/correct/baseline.cu where there is one, else the last of its solutions/correct/ files in
# name order (the table names it). Targets (docs/architecture.md, "Timing"): ratio in [0.98, 1.02] where CUPTI >= 5 µs and in
# [0.95, 1.05] from 2 µs; spread <= 1% from 5 µs; GPU wall <= 3 s per evaluation.
set -euo pipefail
podium=$1
out=$2
shift 2
work=$(mktemp -d)
problems=("$@")
if ((${#problems[@]} == 0)); then
  for yaml in problems/*/*/problem.yaml; do
    grep -q '^backend: cuda' "$yaml" && problems+=("$(dirname "$yaml")")
  done
fi
for p in "${problems[@]}"; do
  p=${p%/}
  name=$(basename "$p")
  solution=$p/solutions/correct/baseline.cu
  [ -f "$solution" ] || solution=$(ls "$p"/solutions/correct/* | sort | tail -n 1)
  echo "$p $solution" >>"$work/list"
  for run in 1 2 3; do
    "$podium" eval "$p" "$solution" --mode benchmark --json >"$work/$name-$run.json"
  done
  "$podium" eval "$p" "$solution" --mode benchmark --json --verify-timer >"$work/$name-cupti.json"
done
python3 - "$work" "$out" <<'PY'
import json, os, statistics, sys
work, out = sys.argv[1], sys.argv[2]
rows = ["| problem | solution | case | CUPTI | Podium, same calls | ratio | Podium, 3 fresh runs | spread | GPU wall / eval |",
        "|---|---|---|---|---|---|---|---|---|"]
failures = []
for line in open(os.path.join(work, "list")):
    problem, solution = line.split()
    name = os.path.basename(problem)
    runs = [json.load(open(os.path.join(work, f"{name}-{r}.json"))) for r in (1, 2, 3)]
    cupti = json.load(open(os.path.join(work, f"{name}-cupti.json")))
    walls = [r["evaluation_seconds"] for r in runs]
    wall = statistics.mean(walls)
    if wall > 3.0:
        failures.append(f"{name}: GPU wall {wall:.2f} s > 3 s")
    for i, case in enumerate(cupti["cases"]):
        t = case["timing"]
        c = t.get("cupti_mean_seconds")
        means = [r["cases"][i]["timing"]["summary"]["mean"] for r in runs]
        podium = statistics.mean(means)
        spread = max(means) / min(means)
        same = t["summary"]["mean"]
        ratio = same / c if c else float("nan")
        rows.append(f"| {name} | {os.path.basename(solution)} | {case['name']} | {c*1e6:.2f} µs | {same*1e6:.2f} µs "
                    f"| {ratio:.4f} | {podium*1e6:.2f} µs | {(spread-1)*100:.2f}% | {wall:.2f} s |")
        if c and c >= 5e-6 and not 0.98 <= ratio <= 1.02:
            failures.append(f"{name} {case['name']}: ratio {ratio:.4f} outside [0.98, 1.02]")
        elif c and c >= 2e-6 and not 0.95 <= ratio <= 1.05:
            failures.append(f"{name} {case['name']}: ratio {ratio:.4f} outside [0.95, 1.05]")
        if c and c >= 5e-6 and spread > 1.01:
            failures.append(f"{name} {case['name']}: spread {(spread-1)*100:.2f}% > 1%")
device = runs[0]["device"]
rows.append("")
rows.append(f"device: {device['name']} ({device['driver']}); SM clock range seen in the last run's cases: "
            + ", ".join(f"{c['timing']['sm_clock_mhz_min']}-{c['timing']['sm_clock_mhz_max']} MHz" for c in runs[-1]["cases"]))
rows.append("targets: " + ("all met" if not failures else "MISSED: " + "; ".join(failures)))
text = "\n".join(rows) + "\n"
open(os.path.join(out, "timer.md"), "w").write(text)
print(text)
sys.exit(1 if failures else 0)
PY
