#!/usr/bin/env bash
# The platform on a GPU machine, as an organizer runs it: `podium serve` on a fresh data directory
# (its local worker detects the GPU and checks its health), then, through `podium submit`:
#   1. an honest CUDA solution in benchmark mode: accepted;
#   2. an endless kernel: time_limit (the worker probes the GPU after it);
#   3. the honest solution again: accepted, so the worker kept serving and the GPU is usable;
# and GET /api/v1/health must list the worker with the GPU model in service.
#
#   scripts/gpu-platform-check.sh BUILD_DIR      (prints what it does; exit status 0 when all holds)
set -euo pipefail
build=$(cd "$1" && pwd)
cd "$(dirname "$0")/.."
work=$(mktemp -d)
export PODIUM_DATA_DIR=$work/data PODIUM_CONFIG_DIR=$work/config
port=$((20000 + RANDOM % 20000))
server=http://127.0.0.1:$port
"$build/podium" serve --listen "127.0.0.1:$port" --default-gpu H100 >"$work/serve.log" 2>&1 &
serve_pid=$!
trap 'kill $serve_pid 2>/dev/null; wait $serve_pid 2>/dev/null; echo "--- serve.log"; cat "$work/serve.log"; rm -rf "$work"' EXIT
get() { python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1], timeout=10).read().decode())' "$1"; }
for _ in $(seq 100); do
  get "$server/api/v1/health" >/dev/null 2>&1 && break
  sleep 0.3
done
fail=0
submit() {  # submit FILE MODE EXPECTED_VERDICT
  local out
  out=$("$build/podium" submit "$1" --problem tensara/vector-addition --mode "$2" --server "$server" --json 2>"$work/submit.err" || true)
  local verdict
  verdict=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["submission"]["verdict"])' <<<"$out" 2>/dev/null || echo "?")
  if [ "$verdict" = "$3" ]; then
    echo "ok    $1 ($2): $verdict"
  else
    echo "FAIL  $1 ($2): $verdict, expected $3"
    cat "$work/submit.err"
    fail=1
  fi
}
submit problems/tensara/vector-addition/solutions/correct/plain.cu benchmark accepted
submit tests/corpus/hostile/endless-kernel.cu test time_limit
submit problems/tensara/vector-addition/solutions/correct/plain.cu test accepted
health=$(get "$server/api/v1/health")
echo "health: $health"
if python3 -c 'import json,sys; w=json.loads(sys.argv[1])["workers"]; sys.exit(0 if any("H100" in x["gpus"] and not x["unhealthy"] for x in w) else 1)' "$health"; then
  echo "ok    the local worker has the H100 in service"
else
  echo "FAIL  no worker with the H100 in service"
  fail=1
fi
exit $fail
