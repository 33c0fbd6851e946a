#!/usr/bin/env bash
# Installs npm dependencies when node_modules is missing or older than the lockfile, and rebuilds the
# native module (better-sqlite3) when the running Node's ABI differs from the one it was built for.
set -euo pipefail
cd "$(dirname "$0")/../.."
# better-sqlite3 compiles from source when no prebuilt binary can be fetched: use local headers.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ] && [ "$(command -v node)" = /usr/bin/node ]; then
  export npm_config_nodedir=/usr
fi
abi="$(node -p process.versions.modules)"
stamp=node_modules/.install-stamp
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "Installing npm dependencies (npm ci)..."
  npm ci --no-audit --no-fund
  echo "$abi" > "$stamp"
elif [ "$(cat "$stamp")" != "$abi" ]; then
  echo "Rebuilding better-sqlite3 for Node $(node --version) (ABI $abi)..."
  npm rebuild better-sqlite3
  echo "$abi" > "$stamp"
fi
