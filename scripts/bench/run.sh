#!/usr/bin/env bash
# `npm run bench`: builds what it measures, then prints figures as ratios to baselines from the same run.
set -euo pipefail
cd "$(dirname "$0")/../.."
# The test set: the web bench drives Chromium, the backup bench compares with zstd.
bash scripts/provision/packages.sh test
bash scripts/provision/dockerd.sh >/dev/null
bash scripts/provision/node-deps.sh
npm run build --silent
bash scripts/image/build.sh
bash scripts/provision/arm64.sh
bash scripts/image/build.sh --arch arm64
rm -rf .build/test
npx tsc -p tsconfig.test.json
node .build/test/scripts/bench/http.bench.js
node .build/test/scripts/bench/web-assets.bench.js
node .build/test/scripts/bench/web-load.bench.js
node .build/test/scripts/bench/idle-memory.bench.js
node .build/test/scripts/bench/appliance.bench.js
node .build/test/scripts/bench/arm64.bench.js
node .build/test/scripts/bench/backup.bench.js
node .build/test/scripts/bench/heartbeat.bench.js
node .build/test/scripts/bench/stack-memory.bench.js
