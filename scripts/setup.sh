#!/usr/bin/env bash
# Installs what reelm needs on a fresh machine and builds it: system tools (ffmpeg), npm packages,
# and the compiled CLI in dist/. Safe to run again; it only redoes what is missing or out of date.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-ffmpeg.sh

# Native addons (better-sqlite3 for the video store) build from source against Node's headers; on
# Debian's packaged Node those headers live under /usr, which node-gyp does not find by itself.
if [ -d /usr/include/node ] && [ -z "${npm_config_nodedir:-}" ]; then
  export npm_config_nodedir=/usr
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "reelm: installing npm packages…" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi

echo "reelm: building…" >&2
npm run --silent build
chmod +x dist/cli/main.js
