#!/usr/bin/env bash
# `npm test`: provision, build, then run unit, medium, integration, e2e and image tests with Node's test runner.
# medium: the real services on real SQLite over a fake engine that records every call (no dockerd).
# Usage: scripts/test.sh [unit|medium|integration|core|e2e|image ...]   (default: all tiers but core)
set -euo pipefail
cd "$(dirname "$0")/.."
tiers=("$@")
[ ${#tiers[@]} -eq 0 ] && tiers=(unit medium integration e2e image)

bash scripts/provision/packages.sh test
bash scripts/provision/node-deps.sh
npm run build --silent
rm -rf .build/test
npx tsc -p tsconfig.test.json

files=()
for tier in "${tiers[@]}"; do
  case "$tier" in
    unit) mapfile -t found < <(find .build/test/server/src .build/test/web/src -name '*.spec.js' 2>/dev/null | sort) ;;
    medium) mapfile -t found < <(find .build/test/test/medium -name '*.test.js' 2>/dev/null | sort) ;;
    integration) mapfile -t found < <(find .build/test/test/integration -name '*.test.js' | sort) ;;
    core)
      # The integration tests that lean on the runtime itself (native SQLite, child processes, the
      # private Redis): CI runs them again on the image's Node major. Streams into restic are not
      # repeated: the image tier backs up and restores chat with the manager whole on that major.
      found=()
      for name in setup auth secrets restart npm-start cli; do
        found+=(".build/test/test/integration/$name.test.js")
      done ;;
    e2e) mapfile -t found < <(find .build/test/test/e2e -name '*.test.js' 2>/dev/null | sort) ;;
    image)
      # The appliance image itself, built with no registry (layers cached by the engine), and its arm64
      # build under qemu-user emulation (skipped in seconds while its recipe holds).
      bash scripts/image/build.sh
      bash scripts/provision/arm64.sh
      bash scripts/image/build.sh --arch arm64
      mapfile -t found < <(find .build/test/test/image -name '*.test.js' 2>/dev/null | sort) ;;
    *) echo "unknown test tier: $tier (use unit, medium, integration, core, e2e or image)" >&2; exit 2 ;;
  esac
  if [ ${#found[@]} -eq 0 ]; then echo "no $tier tests found: refusing to pass silently" >&2; exit 1; fi
  files+=("${found[@]}")
done
# Every temporary directory a test creates is listed here (test/support/leftovers.ts); the last test
# checks that none of them, and no redis-server started in one, outlived the run.
export TL_TEST_LEDGER="$PWD/.build/test-ledger.txt"
: >"$TL_TEST_LEDGER"
# It runs last, after the e2e and image tiers too.
leftovers=.build/test/test/integration/zz-leftovers.test.js
kept=()
for file in "${files[@]}"; do [ "$file" = "$leftovers" ] || kept+=("$file"); done
files=("${kept[@]}" "$leftovers")
export TL_ARTIFACTS="${TL_ARTIFACTS:-$PWD/test-artifacts}"
mkdir -p "$TL_ARTIFACTS"
exec node --test --test-concurrency=1 --test-reporter=spec "${files[@]}"
