#!/usr/bin/env bash
# Prepares .gpu-deps/: the Debian packages Podium builds against (headers, CMake configs, shared
# libraries), unpacked into one folder that travels to a GPU machine without apt or network, where
# scripts/gpu-check.sh builds against it. Run on a Debian machine (needs apt-get download).
set -euo pipefail
cd "$(dirname "$0")/.."
packages=(libyaml-cpp-dev libyaml-cpp0.7 libfmt-dev libfmt9 nlohmann-json3-dev libcli11-dev libssl-dev libssl3 libgtest-dev)
rm -rf .gpu-deps && mkdir -p .gpu-deps/debs
(cd .gpu-deps/debs && apt-get download "${packages[@]}" >/dev/null)
for deb in .gpu-deps/debs/*.deb; do dpkg-deb -x "$deb" .gpu-deps/root; done
rm -rf .gpu-deps/debs
du -sh .gpu-deps
