#!/usr/bin/env bash
# Every PMPP problem's baseline solution (solutions/correct/baseline.cu) timed in benchmark mode, and
# its % of the speed of light per case on this GPU: one table, written to OUT/baselines.md.
#
#   bench/sol/baselines.sh PODIUM_BINARY OUT_DIR
set -euo pipefail
podium=$1
out=$2
work=$(mktemp -d)
for p in problems/pmpp/*/; do
  name=$(basename "$p")
  "$podium" eval "$p" "$p/solutions/correct/baseline.cu" --mode benchmark --json >"$work/$name.json" || true
done
python3 - "$work" "$out" <<'PY'
import glob, json, os, sys
work, out = sys.argv[1], sys.argv[2]
rows = ["| problem | case | baseline mean | speed of light | % of SoL |", "|---|---|---|---|---|"]
device = ""
for path in sorted(glob.glob(os.path.join(work, "*.json"))):
    name = os.path.basename(path)[:-5]
    try:
        r = json.load(open(path))
    except ValueError:
        rows.append(f"| {name} | (no report) | | | |")
        continue
    device = r["device"]["name"] or device
    if r["verdict"] != "accepted":
        rows.append(f"| {name} | {r['verdict']}: {r['message'][:80]} | | | |")
        continue
    for c in r["cases"]:
        mean = c["timing"]["summary"]["mean"]
        sol = c.get("sol_seconds")
        pct = f"{100 * sol / mean:.1f}%" if sol else "-"
        rows.append(f"| {name} | {c['name']} | {mean*1e6:.2f} µs | {sol*1e6:.2f} µs | {pct} |" if sol else f"| {name} | {c['name']} | {mean*1e6:.2f} µs | - | - |")
rows += ["", f"device: {device}"]
text = "\n".join(rows) + "\n"
open(os.path.join(out, "baselines.md"), "w").write(text)
print(text)
PY
