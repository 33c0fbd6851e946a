#!/usr/bin/env bash
# `npm start`: provision, build, and run the appliance with embedded defaults
# (SQLite and a private redis-server under DATA_DIR, default ./.data; wizard on port 8080).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/provision/packages.sh run
bash scripts/provision/node-deps.sh
npm run build --silent
exec node server/dist/main.js
