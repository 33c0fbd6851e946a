#!/usr/bin/env bash
# API fuzzing: schemathesis (from PyPI) against the served OpenAPI document of a real built manager,
# anonymous and then logged in. It fails on any 5xx and on any answer the document does not describe
# (status, content type, body schema, headers), on routes that ignore authentication, and on invalid
# input that is accepted. Not checked: `positive_data_acceptance`, since some rules cannot be written
# in JSON Schema (the setup token must be the right one, a password must not contain the username).
#
# Logged in, routes that start work on the Docker engine (enable/disable/act on a service, update the
# manager) are fuzzed with invalid input only: valid input would install services for real, which the
# integration tests do. Logout is fuzzed anonymously only (logged in, it would end the session).
# Usage: scripts/fuzz/run.sh   (after `npm run build`; a Docker engine should answer)
set -euo pipefail
cd "$(dirname "$0")/../.."
SCHEMATHESIS_VERSION=4.32.5
venv=.build/fuzz-venv
if ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
  echo "== installing schemathesis $SCHEMATHESIS_VERSION (PyPI) into $venv"
  command -v python3 >/dev/null || { echo "python3 is needed: apt-get install python3 python3-venv" >&2; exit 1; }
  rm -rf "$venv"
  python3 -m venv "$venv" || { echo "python3 -m venv failed: apt-get install python3-venv" >&2; exit 1; }
  "$venv/bin/pip" install --quiet "schemathesis==$SCHEMATHESIS_VERSION"
fi

data=$(mktemp -d /tmp/tl-fuzz-XXXXXX)
# Under scripts/test.sh, the last test checks that this directory is gone (test/support/leftovers.ts).
[ -n "${TL_TEST_LEDGER:-}" ] && echo "$data" >>"$TL_TEST_LEDGER"
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
log="$data.log"
DATA_DIR="$data" PORT="$port" HOST=127.0.0.1 NO_COLOR=1 node server/dist/main.js >"$log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$data" "$log"
}
trap cleanup EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 60); do curl -fsS "$base/api/health" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fsS "$base/api/health" >/dev/null || { cat "$log"; echo "the manager did not start" >&2; exit 1; }

st() {
  "$venv/bin/schemathesis" --config-file "$data/schemathesis.toml" run "$base/api/openapi.json" --no-color -w 1 --max-examples "${FUZZ_EXAMPLES:-25}" \
    --phases examples,coverage,fuzzing --checks all --exclude-checks positive_data_acceptance \
    --seed "${FUZZ_SEED:-20261129}" "$@"
}
# Routes that start real work on the engine (installs, updates, backups with restic): negative mode only.
# Backup targets too: a valid one would make restic open a fuzzed host directory or URL; and the mail
# test, which would send through whatever relay the fuzzer saved (its 502 is the relay's, not ours).
ENGINE_WORK='^/api/(features/\{id\}(/actions/\{action\})?|system/update|backups(/check|/\{snapshotId\}/restore|/targets(/\{id\})?)?|mail/test)$'

echo "== fuzzing anonymously"
: >"$data/schemathesis.toml"
st

echo "== fuzzing logged in"
token=$(cat "$data/setup-token")
cookies="$data/cookies"
curl -fsS -c "$cookies" -H 'Content-Type: application/json' "$base/api/setup" --data @- >/dev/null <<JSON
{"setupToken":"$token","language":"fr","community":{"name":"Fuzz","color":"#2f7d5b"},
 "domain":"fuzz.example.org","features":[],
 "admin":{"username":"camille","email":"camille@example.org","password":"correct horse battery staple"}}
JSON
# The session goes through the document's cookie security scheme, so that schemathesis can also
# leave it out and check that each protected route then refuses.
cat >"$data/schemathesis.toml" <<TOML
headers = { x-csrf-token = "$(awk '$6 ~ /tl_csrf$/ {print $7}' "$cookies")" }
[auth.openapi.cookie]
api_key = "$(awk '$6 ~ /tl_session$/ {print $7}' "$cookies")"
TOML
st --exclude-path /api/auth/logout --exclude-path-regex "$ENGINE_WORK"
st --include-path-regex "$ENGINE_WORK" --mode negative
echo "== fuzzing: no 5xx and no answer outside the document"
