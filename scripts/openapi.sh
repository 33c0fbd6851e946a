#!/usr/bin/env bash
# Regenerates the API contract from the server's DTOs: web/src/lib/api/openapi.json and the typed
# client's schema.d.ts. With --check, fails when the committed files are out of date.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsc -p server/tsconfig.json
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
node server/dist/openapi.js "$tmp/openapi.json"
npx openapi-typescript "$tmp/openapi.json" -o "$tmp/schema.d.ts" >/dev/null
npx prettier --write "$tmp/openapi.json" >/dev/null
dest=web/src/lib/api
if [ "${1:-}" = --check ]; then
  if ! cmp -s "$tmp/openapi.json" "$dest/openapi.json" || ! cmp -s "$tmp/schema.d.ts" "$dest/schema.d.ts"; then
    echo "The OpenAPI contract is out of date: run 'npm run openapi' and commit the result." >&2
    exit 1
  fi
  echo "OpenAPI contract up to date."
else
  mkdir -p "$dest"
  cp "$tmp/openapi.json" "$tmp/schema.d.ts" "$dest/"
  echo "Wrote $dest/openapi.json and $dest/schema.d.ts"
fi
