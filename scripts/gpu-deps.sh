#!/usr/bin/env bash
# Prepares .gpu-deps/: the Debian packages Podium builds against (headers, CMake configs, shared
# libraries), unpacked into one folder that travels to a GPU machine without apt or network, where
# scripts/gpu-check.sh builds against it. Run on a Debian machine (needs apt-get download).
set -euo pipefail
cd "$(dirname "$0")/.."
packages=(libyaml-cpp-dev libyaml-cpp0.7 libfmt-dev libfmt9 nlohmann-json3-dev libcli11-dev libssl-dev libssl3 libgtest-dev
          libsqlite3-dev libsqlite3-0 libpq-dev libpq5 libcpp-httplib-dev libcpp-httplib0.11 libseccomp-dev libseccomp2
          bubblewrap libbrotli1 libbrotli-dev zlib1g zlib1g-dev
          libgssapi-krb5-2 libldap-2.5-0 libkrb5-3 libk5crypto3 libkrb5support0 libsasl2-2 libkeyutils1 libcom-err2
          libcap2 libselinux1 libpcre2-8-0 pkgconf-bin libpkgconf3)
rm -rf .gpu-deps && mkdir -p .gpu-deps/debs
(cd .gpu-deps/debs && apt-get download "${packages[@]}" >/dev/null)
for deb in .gpu-deps/debs/*.deb; do dpkg-deb -x "$deb" .gpu-deps/root; done
rm -rf .gpu-deps/debs
du -sh .gpu-deps
