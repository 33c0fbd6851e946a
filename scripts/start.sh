#!/usr/bin/env bash
# `npm start`: provision, build, and run the appliance with embedded defaults
# (SQLite and a private redis-server under DATA_DIR, default ./.data; wizard on port 8080).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/provision/packages.sh run
bash scripts/provision/node-deps.sh
npm run build --silent
# Node settings chosen by measuring idle memory (server/src/platform/node-runtime.ts says which and why).
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-131072}"
exec node --max-semi-space-size=1 --optimize-for-size server/dist/main.js
