#!/usr/bin/env bash
# The quick start's first command: sets up and builds Podium (the web UI included), then starts the
# platform on its embedded defaults: `podium serve` with a SQLite file under ~/.local/share/podium
# (or $PODIUM_DATA_DIR), the bundled problems, and a local worker for this machine's GPU (or its CPU,
# where there is none). On a fresh store it creates the first admin, prints the token once and saves
# it in the client's configuration, so that `build/podium submit` works right away. Extra arguments
# go to `podium serve` (for example --listen 0.0.0.0:8130).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
echo
echo "Podium is starting. In another terminal, try:"
echo "  build/podium problems"
echo "  build/podium submit problems/cpu/vector-sum/solutions/correct/pairwise-float.cpp --problem cpu/vector-sum --mode leaderboard"
echo "  build/podium leaderboard cpu/vector-sum"
echo
exec build/podium serve "$@"
