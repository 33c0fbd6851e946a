#!/usr/bin/env bash
# Smoke test of the test images on the real engine (run after build.sh):
#   private bridge network; Postgres (database with LC_COLLATE/LC_CTYPE C) and Synapse on it, both
#   healthy; Caddy with published 127.0.0.1 ports, a reverse-proxy config loaded through its admin
#   API from the host (keeping admin.listen); GET /_matrix/client/versions through Caddy; the admin
#   API called from another container by name; pg_dump through `docker exec`; the stand-ins
#   healthy on their real port and health path; the broken Synapse tag turning unhealthy.
# Everything it creates carries the label tl-test.smoke=<run id> and is removed on exit, failure
# included.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DOCKER=/usr/bin/docker
export DOCKER_HOST="${DOCKER_HOST:-unix:///var/run/docker.sock}"
RUN_ID="tl-smoke-$$-$RANDOM"
LABEL="tl-test.smoke=$RUN_ID"
NET="$RUN_ID-net"
PG="$RUN_ID-postgres"
SYN="$RUN_ID-synapse"
CADDY="$RUN_ID-caddy"
WORK="$(mktemp -d)"
T0=$SECONDS

log() { printf '[smoke.sh +%3ss] %s\n' "$((SECONDS - T0))" "$*"; }
fail() {
  printf '[smoke.sh] FAILED: %s\n' "$*" >&2
  for c in "$PG" "$SYN" "$CADDY"; do
    if "$DOCKER" inspect "$c" >/dev/null 2>&1; then
      printf '\n----- logs of %s (last 30 lines) -----\n' "$c" >&2
      "$DOCKER" logs --tail 30 "$c" >&2 2>&1 || true
    fi
  done
  exit 1
}
tag() { sed -n "s/^[[:space:]]*\"$1\":[[:space:]]*\"\([^\"]*\)\".*/\1/p" "$HERE/tags.json"; }

cleanup() {
  local rc=$?
  set +e
  "$DOCKER" ps -aq --filter "label=$LABEL" | xargs -r "$DOCKER" rm -f -v >/dev/null
  "$DOCKER" network ls -q --filter "label=$LABEL" | xargs -r "$DOCKER" network rm >/dev/null
  "$DOCKER" volume ls -q --filter "label=$LABEL" | xargs -r "$DOCKER" volume rm >/dev/null
  rm -rf "$WORK"
  local left
  left="$("$DOCKER" ps -aq --filter "label=$LABEL")$("$DOCKER" network ls -q --filter "label=$LABEL")$("$DOCKER" volume ls -q --filter "label=$LABEL")"
  if [ -n "$left" ]; then echo "[smoke.sh] WARNING: could not remove everything labelled $LABEL" >&2; fi
  log "cleaned up (containers, network, volumes labelled $LABEL)"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v curl >/dev/null 2>&1 || fail "curl is needed on the host"
"$DOCKER" info >/dev/null 2>&1 || fail "no Docker engine on $DOCKER_HOST: run scripts/provision/dockerd.sh"
for k in postgres synapse synapseNext synapseBroken caddy python element hedgedoc nextcloud; do
  "$DOCKER" image inspect "$(tag "$k")" >/dev/null 2>&1 || fail "image $(tag "$k") missing: run scripts/test-images/build.sh"
done

wait_healthy() { # container timeout-seconds
  local c="$1" deadline=$((SECONDS + $2)) state health
  while :; do
    state="$("$DOCKER" inspect -f '{{.State.Status}}' "$c")"
    health="$("$DOCKER" inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' "$c")"
    [ "$health" = healthy ] && { log "$c is healthy"; return 0; }
    [ "$state" = running ] || fail "$c is $state (health $health)"
    [ "$health" = unhealthy ] && fail "$c is unhealthy"
    [ "$SECONDS" -lt "$deadline" ] || fail "$c not healthy after $2 s (health $health)"
    sleep 1
  done
}
secret() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

PG_PASSWORD="$(secret)"
SYN_DB_PASSWORD="$(secret)"

log "network $NET (user-defined bridge)"
"$DOCKER" network create --label "$LABEL" "$NET" >/dev/null
"$DOCKER" volume create --label "$LABEL" "$RUN_ID-pgdata" >/dev/null
"$DOCKER" volume create --label "$LABEL" "$RUN_ID-synapse" >/dev/null
"$DOCKER" volume create --label "$LABEL" "$RUN_ID-caddy-config" >/dev/null
"$DOCKER" volume create --label "$LABEL" "$RUN_ID-caddy-data" >/dev/null

log "postgres: $(tag postgres)"
"$DOCKER" run -d --name "$PG" --label "$LABEL" --network "$NET" --network-alias postgres \
  --memory 256m -e POSTGRES_PASSWORD="$PG_PASSWORD" \
  -v "$RUN_ID-pgdata:/var/lib/postgresql/data" "$(tag postgres)" >/dev/null
wait_healthy "$PG" 90
"$DOCKER" exec -i "$PG" psql -v ON_ERROR_STOP=1 -q -U postgres -d postgres \
  -v pw="$SYN_DB_PASSWORD" >/dev/null <<'SQL' || fail "could not create the synapse role and database"
CREATE ROLE synapse LOGIN PASSWORD :'pw';
CREATE DATABASE synapse OWNER synapse ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
SQL
log "created role and database synapse (C collation)"

cat >"$WORK/homeserver.yaml" <<YAML
server_name: test.local
public_baseurl: http://matrix.test.local/
pid_file: /data/homeserver.pid
report_stats: false
listeners:
  - port: 8008
    type: http
    tls: false
    x_forwarded: true
    bind_addresses: ['0.0.0.0']
    resources:
      - names: [client, federation]
        compress: false
database:
  name: psycopg2
  args:
    user: synapse
    password: "$SYN_DB_PASSWORD"
    dbname: synapse
    host: postgres
    port: 5432
    cp_min: 1
    cp_max: 5
media_store_path: /data/media_store
signing_key_path: /data/test.local.signing.key
registration_shared_secret: "$(secret)"
macaroon_secret_key: "$(secret)"
form_secret: "$(secret)"
trusted_key_servers: []
presence:
  enabled: false
enable_metrics: false
YAML

log "synapse: $(tag synapse): config into the data volume, then signing key (run --generate-keys)"
"$DOCKER" run --rm -i --label "$LABEL" -v "$RUN_ID-synapse:/data" --entrypoint sh "$(tag synapse)" \
  -c 'cat >/data/homeserver.yaml && chown -R 991:991 /data && chmod 600 /data/homeserver.yaml' \
  <"$WORK/homeserver.yaml"
"$DOCKER" run --rm --label "$LABEL" -v "$RUN_ID-synapse:/data" "$(tag synapse)" run --generate-keys \
  >"$WORK/genkeys.log" 2>&1 || { cat "$WORK/genkeys.log" >&2; fail "signing key generation failed"; }
"$DOCKER" run -d --name "$SYN" --label "$LABEL" --network "$NET" --network-alias synapse \
  --memory 512m -v "$RUN_ID-synapse:/data" "$(tag synapse)" >/dev/null
wait_healthy "$SYN" 120
[ "$("$DOCKER" inspect -f '{{.HostConfig.Memory}}' "$SYN")" = $((512 * 1024 * 1024)) ] || fail "memory limit not set"

log "caddy: $(tag caddy) with 127.0.0.1 published ports"
"$DOCKER" run -d --name "$CADDY" --label "$LABEL" --network "$NET" --network-alias caddy \
  -p 127.0.0.1::80 -p 127.0.0.1::2019 \
  -v "$RUN_ID-caddy-config:/config" -v "$RUN_ID-caddy-data:/data" "$(tag caddy)" >/dev/null
wait_healthy "$CADDY" 30
HTTP_PORT="$("$DOCKER" port "$CADDY" 80/tcp | head -n1 | sed 's/.*://')"
ADMIN_PORT="$("$DOCKER" port "$CADDY" 2019/tcp | head -n1 | sed 's/.*://')"
log "caddy http on 127.0.0.1:$HTTP_PORT, admin on 127.0.0.1:$ADMIN_PORT"

cat >"$WORK/caddy.json" <<'JSON'
{
  "admin": { "listen": "0.0.0.0:2019" },
  "apps": {
    "http": {
      "servers": {
        "smoke": {
          "listen": [":80"],
          "automatic_https": { "disable": true },
          "routes": [
            {
              "match": [{ "host": ["matrix.test.local"] }],
              "handle": [{ "handler": "reverse_proxy", "upstreams": [{ "dial": "synapse:8008" }] }]
            }
          ]
        }
      }
    }
  }
}
JSON
curl -fsS -X POST -H 'Content-Type: application/json' --data-binary @"$WORK/caddy.json" \
  "http://127.0.0.1:$ADMIN_PORT/load" || fail "POST /load to Caddy's admin API failed"
log "loaded the reverse-proxy config through the admin API (from the host)"
LISTEN="$(curl -fsS "http://127.0.0.1:$ADMIN_PORT/config/admin/listen")" || fail "admin API not reachable after /load"
[ "$LISTEN" = '"0.0.0.0:2019"' ] || fail "admin.listen is $LISTEN after /load"

VERSIONS="$(curl -fsS --max-time 10 --resolve "matrix.test.local:$HTTP_PORT:127.0.0.1" \
  "http://matrix.test.local:$HTTP_PORT/_matrix/client/versions")" || fail "GET /_matrix/client/versions through Caddy failed"
case "$VERSIONS" in *'"versions"'*) ;; *) fail "unexpected /versions answer: $VERSIONS" ;; esac
log "GET /_matrix/client/versions through Caddy: ${VERSIONS:0:80}..."

# The appliance calls Caddy's admin API from its own container, by name, on the private network.
"$DOCKER" run --rm --label "$LABEL" --network "$NET" "$(tag python)" \
  curl -fsS -o /dev/null http://caddy:2019/config/ || fail "admin API not reachable as caddy:2019 from another container"
log "admin API reachable from another container as http://caddy:2019 (Host: caddy:2019)"

DUMP_BYTES="$("$DOCKER" exec "$PG" pg_dump -U postgres -Fc synapse | wc -c)"
[ "$DUMP_BYTES" -gt 1000 ] || fail "pg_dump through docker exec produced $DUMP_BYTES bytes"
log "docker exec pg_dump -Fc synapse: $DUMP_BYTES bytes"

# Stand-ins: healthy, answering their real health path on their real port, one log line per request.
for svc in element:80:/config.json hedgedoc:3000:/status nextcloud:80:/status.php; do
  name="${svc%%:*}"; rest="${svc#*:}"; port="${rest%%:*}"; path="${rest#*:}"
  c="$RUN_ID-$name"
  "$DOCKER" run -d --name "$c" --label "$LABEL" --network "$NET" --network-alias "$name" "$(tag "$name")" >/dev/null
  wait_healthy "$c" 30
  body="$("$DOCKER" run --rm --label "$LABEL" --network "$NET" "$(tag python)" curl -fsS "http://$name:$port$path")" ||
    fail "$name stand-in: GET $path failed"
  [ "$name" != nextcloud ] || case "$body" in *'"installed": true'*) ;; *) fail "nextcloud stand-in: $body" ;; esac
  logs="$("$DOCKER" logs "$c" 2>&1)" # (no `| grep -q`: with pipefail, SIGPIPE would fail it)
  case "$logs" in *"GET $path"*) ;; *) fail "$name stand-in did not log the request" ;; esac
  log "$name stand-in: healthy, GET :$port$path answered and logged"
  "$DOCKER" rm -f "$c" >/dev/null
done

# The broken Synapse tag must never become healthy; the -next tag is a distinct image.
c="$RUN_ID-broken"
"$DOCKER" run -d --name "$c" --label "$LABEL" --network "$NET" "$(tag synapseBroken)" >/dev/null
deadline=$((SECONDS + 30))
until [ "$("$DOCKER" inspect -f '{{.State.Health.Status}}' "$c")" = unhealthy ]; do
  [ "$SECONDS" -lt "$deadline" ] || fail "$(tag synapseBroken) did not turn unhealthy within 30 s"
  sleep 1
done
log "$(tag synapseBroken) turns unhealthy, as intended"
[ "$("$DOCKER" image inspect -f '{{.Id}}' "$(tag synapseNext)")" != "$("$DOCKER" image inspect -f '{{.Id}}' "$(tag synapse)")" ] ||
  fail "$(tag synapseNext) has the same image id as $(tag synapse)"

log "OK"
