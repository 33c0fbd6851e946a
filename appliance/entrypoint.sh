#!/bin/sh
# appliance-entrypoint: started by tini as root. Checks the Docker socket and the data directory, lets
# the `appliance` user use the socket (joins the socket's group), then runs the command (default: the
# manager, which prints the setup wizard's URL and token on first start) as `appliance`.
#
# Exit codes: 64 socket not mounted, 69 engine not usable through it, 73 data directory not writable.
set -eu

APP_USER=appliance
DATA_DIR="${DATA_DIR:-/data}"
RUN_EXAMPLE='docker run -d --name tiers-lieux --restart unless-stopped -v /var/run/docker.sock:/var/run/docker.sock -v tiers-lieux-data:/data -p 8080:8080 <image>'

say() { printf '[appliance] %s\n' "$@" >&2; }
fail() { code="$1"; shift; say "ERROR: $1"; shift; say "$@"; exit "$code"; }

[ "$#" -gt 0 ] || set -- node --max-semi-space-size=1 --optimize-for-size /app/server/dist/main.js
if [ "$(id -u)" = 0 ]; then
  AS_ROOT=1
  APP_UID="$(id -u "$APP_USER")"
  APP_GID="$(id -g "$APP_USER")"
  as_app() { setpriv --reuid="$APP_USER" --regid="$APP_USER" --init-groups --no-new-privs -- "$@"; }
else
  AS_ROOT=0 # started with --user: no privileges to drop, nothing to chown
  APP_UID="$(id -u)"
  APP_GID="$(id -g)"
  as_app() { "$@"; }
fi

# --- 1. the Docker socket --------------------------------------------------------------------------
case "${DOCKER_HOST:-}" in
  '') SOCK=/var/run/docker.sock ;;
  unix://*) SOCK="${DOCKER_HOST#unix://}" ;;
  *) SOCK='' ; say "DOCKER_HOST=$DOCKER_HOST: using the engine over the network, no socket to check" ;;
esac

if [ -n "$SOCK" ]; then
  if [ ! -e "$SOCK" ]; then
    fail 64 "the Docker socket is not mounted: $SOCK does not exist in this container." \
      "The appliance runs the community's services as containers next to itself, through the host's Docker engine." \
      "Start the container with the socket mounted:  -v /var/run/docker.sock:/var/run/docker.sock" \
      "  for example: $RUN_EXAMPLE"
  fi
  if [ ! -S "$SOCK" ]; then
    fail 64 "$SOCK is not a socket (it is a $(stat -c %F "$SOCK"))." \
      "Docker creates an empty directory when the host path of a -v mount does not exist: the host's Docker socket was not where the mount said." \
      "Mount the host's socket:  -v /var/run/docker.sock:/var/run/docker.sock  (rootless Docker: -v \$XDG_RUNTIME_DIR/docker.sock:/var/run/docker.sock)"
  fi
  sock_gid="$(stat -c %g "$SOCK")"
  sock_desc="$SOCK (owner $(stat -c %u "$SOCK"), group $sock_gid, mode $(stat -c %a "$SOCK"))"

  if [ "$AS_ROOT" = 1 ]; then
    group="$(getent group "$sock_gid" | cut -d: -f1)"
    if [ -z "$group" ]; then
      group=docker-host
      if getent group "$group" >/dev/null; then groupmod --gid "$sock_gid" "$group"; else groupadd --gid "$sock_gid" "$group"; fi
    fi
    case " $(id -Gn "$APP_USER") " in
      *" $group "*) ;;
      *) usermod -a -G "$group" "$APP_USER" ;;
    esac
  fi

  # Ask the engine, as the user that will run the manager.
  ping_js='const r = require("node:http").get({ socketPath: process.argv[1], path: "/_ping", timeout: 5000 }, (res) => {
    res.resume(); if (res.statusCode === 200) process.exit(0); console.error("HTTP " + res.statusCode); process.exit(3); });
  r.on("timeout", () => r.destroy(Object.assign(new Error("no answer within 5 s"), { code: "TIMEOUT" })));
  r.on("error", (e) => { console.error(e.code || e.message); process.exit(e.code === "EACCES" ? 2 : 1); });'
  rc=0
  why="$(as_app node -e "$ping_js" "$SOCK" 2>&1)" || rc=$?
  case "$rc" in
    0) ;;
    2)
      case "$(stat -c %a "$SOCK")" in
        ?[67]?) fix="The socket's group may use it, so a security module refuses: with SELinux, mount it with a label: -v /var/run/docker.sock:/var/run/docker.sock:z" ;;
        *) fix="Its group may not read and write it (the engine's default is root:docker, mode 660): on the host, sudo chmod 660 /var/run/docker.sock" ;;
      esac
      fail 69 "user $APP_USER (uid $APP_UID) may not use $sock_desc." "$fix" ;;
    *)
      fail 69 "the Docker engine does not answer on $sock_desc: $why" \
        "Check on the host that Docker runs (docker info) and that the mounted path is its socket." ;;
  esac
  say "Docker engine answers on $SOCK (socket group $sock_gid)"
fi

# --- 2. the data directory -------------------------------------------------------------------------
if [ "$AS_ROOT" = 1 ]; then
  if [ ! -d "$DATA_DIR" ]; then
    install -d -o "$APP_USER" -g "$APP_USER" -m 0750 "$DATA_DIR"
    say "created $DATA_DIR for $APP_USER"
  elif [ "$(stat -c %u "$DATA_DIR")" = 0 ] && [ -z "$(ls -A "$DATA_DIR")" ]; then
    # A new bind-mounted host directory is root's and empty: first start, give it to the manager.
    if chown "$APP_USER:$APP_USER" "$DATA_DIR" 2>/dev/null && chmod 0750 "$DATA_DIR"; then
      say "first start: $DATA_DIR was root's and empty, now owned by $APP_USER ($APP_UID:$APP_GID)"
    fi
  fi
fi
probe="$DATA_DIR/.write-test.$$"
# shellcheck disable=SC2016 # $1 is expanded by the inner sh
if ! why="$(as_app sh -c ': >"$1" && rm -f "$1"' sh "$probe" 2>&1)"; then
  fail 73 "the data directory $DATA_DIR is not writable by user $APP_USER (uid $APP_UID, gid $APP_GID): ${why##*: }; it is owned by $(stat -c %u:%g "$DATA_DIR" 2>/dev/null || echo '?') with mode $(stat -c %a "$DATA_DIR" 2>/dev/null || echo '?')." \
    "If it is a host directory (-v /some/dir:$DATA_DIR), run on the host: sudo chown -R $APP_UID:$APP_GID /some/dir" \
    "or use a named volume, which needs nothing: -v tiers-lieux-data:$DATA_DIR" \
    "A read-only mount (:ro) cannot work: the database, secrets and backups live there."
fi

# --- 3. the manager, as appliance ------------------------------------------------------------------
if [ "$AS_ROOT" = 1 ]; then
  export HOME=/home/appliance USER="$APP_USER" LOGNAME="$APP_USER"
  say "data in $DATA_DIR; starting as $APP_USER ($APP_UID:$APP_GID, groups $(id -G "$APP_USER" | tr ' ' ','))"
fi
exec_app() { if [ "$AS_ROOT" = 1 ]; then exec setpriv --reuid="$APP_USER" --regid="$APP_USER" --init-groups --no-new-privs -- "$@"; else exec "$@"; fi; }
exec_app "$@"
