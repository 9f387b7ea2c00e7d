#!/usr/bin/env bash
# The quick start's first command: sets up and builds Podium, then runs its main job on the bundled
# examples: `podium eval` of a correct solution on the CPU problem, and on the CUDA problem when this
# machine has a GPU.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
echo
echo "== podium eval problems/cpu/vector-sum (benchmark) =="
build/podium eval problems/cpu/vector-sum problems/cpu/vector-sum/solutions/correct/pairwise-float.cpp --mode benchmark
if command -v nvidia-smi >/dev/null && nvidia-smi -L >/dev/null 2>&1; then
  echo
  echo "== podium eval problems/tensara/vector-addition (benchmark) =="
  build/podium eval problems/tensara/vector-addition problems/tensara/vector-addition/solutions/correct/plain.cu --mode benchmark
else
  echo
  echo "(no NVIDIA GPU here: the CUDA problems in problems/tensara/ need one)"
fi
