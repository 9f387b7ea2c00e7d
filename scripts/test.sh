#!/usr/bin/env bash
# The quick start's second command: sets up and builds Podium, then runs the whole test suite.
# GPU tests skip with a message where no GPU is usable; scripts/gpu-check.sh runs them on a GPU.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cd build
ctest --output-on-failure --no-tests=error -j "$(nproc)" --timeout 600
