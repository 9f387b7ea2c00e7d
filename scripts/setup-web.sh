#!/usr/bin/env bash
# Installs what the web UI and its end-to-end tests need and builds the UI into web/dist/, which
# `podium serve` serves on its own port. Safe to run again, and quick when nothing changed: npm ci runs
# only when web/package-lock.json changed since the last install, the build only when a source is
# newer than web/dist/, and Debian's chromium (the browser of tests/e2e/) is installed only when missing.
#
#   scripts/setup-web.sh               everything, the browser for the end-to-end tests included
#   scripts/setup-web.sh --no-browser  only the UI (no chromium)
set -euo pipefail
cd "$(dirname "$0")/../web"

browser=1
for arg in "$@"; do
  case "$arg" in
    --no-browser) browser=0 ;;
    *) echo "setup-web: unknown argument '$arg' (only --no-browser)" >&2; exit 2 ;;
  esac
done

# Vite 8 and playwright-core need Node.js 20.19 or newer.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "setup-web: node and npm are needed (Node.js 20.19 or newer) to build the web UI" >&2
  exit 1
fi
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
  echo "setup-web: Node.js $(node --version) is too old; the web UI's build needs 20.19 or newer" >&2
  exit 1
fi

# npm ci replaces node_modules/ wholesale: run it only when the lockfile is not the one installed.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.podium-lock-sha256
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
  echo "setup-web: installing the web UI's packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > "$stamp"
fi

if [ ! -f dist/index.html ] || [ -n "$(find src index.html vite.config.ts tsconfig.json package.json package-lock.json -newer dist/index.html -print -quit)" ]; then
  echo "setup-web: building the web UI into web/dist/"
  npm run --silent build
fi

if ((browser)) && ! dpkg-query -W -f='${Status}' chromium 2>/dev/null | grep -q "install ok installed"; then
  echo "setup-web: installing chromium (for the web UI's end-to-end tests)"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
