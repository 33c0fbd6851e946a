#!/usr/bin/env bash
# Make sure a Docker engine (Debian's docker.io) answers on /var/run/docker.sock.
#
# Idempotent: installs docker.io when missing, starts dockerd in the background when no engine
# answers, waits up to DOCKERD_WAIT_SECONDS (60) for `docker info`, and fails with the log tail
# otherwise. Run as root. Prints what it did.
#
# Environment overrides:
#   DOCKERD_LOG             log file (default /var/log/dockerd.log, /tmp/dockerd.log if not writable)
#   DOCKERD_STORAGE_DRIVER  force a storage driver (default: probed: overlay2, else fuse-overlayfs, else vfs)
#   DOCKERD_MTU             MTU of the default bridge (default: MTU of the host's default-route interface)
#   DOCKERD_WAIT_SECONDS    how long to wait for the engine (default 60)
#   DOCKERD_EXTRA_ARGS      extra dockerd flags, space separated
set -euo pipefail

DOCKER=/usr/bin/docker # Debian's client; /usr/local/bin/docker may be another client.
SOCK=/var/run/docker.sock
DATA_ROOT=/var/lib/docker
WAIT_SECONDS="${DOCKERD_WAIT_SECONDS:-60}"

log() { printf '[dockerd.sh] %s\n' "$*"; }
die() { printf '[dockerd.sh] ERROR: %s\n' "$*" >&2; exit 1; }

engine_answers() { [ -S "$SOCK" ] && [ -x "$DOCKER" ] && DOCKER_HOST="unix://$SOCK" "$DOCKER" info >/dev/null 2>&1; }
describe_engine() {
  DOCKER_HOST="unix://$SOCK" "$DOCKER" info --format \
    '[dockerd.sh] server {{.ServerVersion}}, storage driver {{.Driver}}, cgroup driver {{.CgroupDriver}}, memory limit support {{.MemoryLimit}}'
}

if engine_answers; then
  log "engine already answers on $SOCK: nothing to do"
  describe_engine
  exit 0
fi
[ "$(id -u)" = 0 ] || die "no engine answers on $SOCK, and starting one needs root"

# --- 1. packages ----------------------------------------------------------------------------------
missing=()
[ -x /usr/sbin/dockerd ] && [ -x "$DOCKER" ] || missing+=(docker.io)
command -v iptables >/dev/null 2>&1 || missing+=(iptables)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
command -v pgrep >/dev/null 2>&1 || missing+=(procps)
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  log "packages present: docker.io $(dpkg-query -W -f='${Version}' docker.io 2>/dev/null || echo '?')"
fi

# --- 2. started by the package (systemd) meanwhile? ---------------------------------------------
if engine_answers; then
  log "engine answers on $SOCK (started by the docker.io package): nothing to start"
  describe_engine
  exit 0
fi

# A dockerd that is starting (e.g. launched by a concurrent run or by the package's init script)
# gets a chance before we start another one.
if pgrep -x dockerd >/dev/null 2>&1; then
  log "a dockerd process exists (pid $(pgrep -x dockerd | tr '\n' ' ')) but does not answer yet: waiting"
  for _ in $(seq 1 "$WAIT_SECONDS"); do
    engine_answers && { log "engine now answers"; exit 0; }
    sleep 1
  done
  die "a dockerd process exists but $SOCK does not answer after ${WAIT_SECONDS}s; stop it and re-run"
fi

# --- 3. probe what works in this sandbox ----------------------------------------------------------
mkdir -p "$DATA_ROOT"
args=()

config_has() { [ -f /etc/docker/daemon.json ] && grep -q "\"$1\"" /etc/docker/daemon.json; }

probe_overlay() {
  # overlay2 needs a kernel overlay filesystem and a backing filesystem that supports it as upper
  # dir (not overlay itself, as in docker-in-docker). Try a real mount inside the data root.
  grep -qw overlay /proc/filesystems || modprobe overlay 2>/dev/null || true
  grep -qw overlay /proc/filesystems || return 1
  local t
  t="$(mktemp -d "$DATA_ROOT/.overlay-probe.XXXXXX")"
  mkdir -p "$t/l" "$t/u" "$t/w" "$t/m"
  if mount -t overlay overlay -o "lowerdir=$t/l,upperdir=$t/u,workdir=$t/w" "$t/m" 2>/dev/null; then
    umount "$t/m"; rm -rf "$t"; return 0
  fi
  rm -rf "$t"; return 1
}

if config_has storage-driver; then
  driver="(from /etc/docker/daemon.json)"
elif [ -n "${DOCKERD_STORAGE_DRIVER:-}" ]; then
  driver="$DOCKERD_STORAGE_DRIVER"; args+=(--storage-driver "$driver")
elif probe_overlay; then
  driver=overlay2; args+=(--storage-driver overlay2)
elif [ -e /dev/fuse ] && { command -v fuse-overlayfs >/dev/null 2>&1 || {
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends fuse-overlayfs; }; }; then
  driver=fuse-overlayfs; args+=(--storage-driver fuse-overlayfs)
else
  driver=vfs; args+=(--storage-driver vfs)
  log "WARNING: no overlay filesystem here; using vfs (slow, every layer is a full copy)"
fi
log "storage driver: $driver"

# iptables: Docker needs the nat table for published ports and outbound NAT. Try the default
# (nft on bookworm), then legacy; without either, run with --iptables=false (the userland proxy
# still publishes ports, containers on one bridge still reach each other, but they get no
# outbound access).
iptables_mode=""
if config_has iptables; then
  iptables_mode="(from /etc/docker/daemon.json)"
elif iptables -t nat -S >/dev/null 2>&1 && iptables -t filter -S >/dev/null 2>&1; then
  iptables_mode="iptables ($(iptables --version 2>/dev/null))"
elif command -v iptables-legacy >/dev/null 2>&1 && iptables-legacy -t nat -S >/dev/null 2>&1; then
  update-alternatives --set iptables /usr/sbin/iptables-legacy >/dev/null
  update-alternatives --set ip6tables /usr/sbin/ip6tables-legacy >/dev/null 2>&1 || true
  iptables_mode="iptables-legacy (switched the iptables alternative)"
else
  args+=(--iptables=false)
  iptables_mode="disabled (--iptables=false): no NAT table here; containers have no outbound access"
fi
log "iptables: $iptables_mode"
# Bridged traffic must be forwarded.
if [ "$(cat /proc/sys/net/ipv4/ip_forward 2>/dev/null || echo 0)" != 1 ]; then
  if sysctl -qw net.ipv4.ip_forward=1 2>/dev/null; then log "enabled net.ipv4.ip_forward"; fi
fi

# MTU: a default bridge wider than the uplink breaks TLS downloads inside builds on some VMs.
mtu="${DOCKERD_MTU:-}"
if [ -z "$mtu" ]; then
  uplink="$(ip -o route show default 2>/dev/null | awk '{for (i=1;i<NF;i++) if ($i=="dev") {print $(i+1); exit}}')"
  [ -n "$uplink" ] && mtu="$(cat "/sys/class/net/$uplink/mtu" 2>/dev/null || true)"
fi
if [ -n "$mtu" ] && [ "$mtu" -lt 1500 ] && ! config_has mtu; then
  args+=(--mtu "$mtu")
  log "default bridge MTU: $mtu (uplink ${uplink:-?})"
fi

# shellcheck disable=SC2206
[ -n "${DOCKERD_EXTRA_ARGS:-}" ] && args+=(${DOCKERD_EXTRA_ARGS})

# --- 4. start -------------------------------------------------------------------------------------
LOG_FILE="${DOCKERD_LOG:-/var/log/dockerd.log}"
if ! { mkdir -p "$(dirname "$LOG_FILE")" && touch "$LOG_FILE"; } 2>/dev/null; then
  LOG_FILE=/tmp/dockerd.log
fi
# A stale pid file from a killed dockerd makes it refuse to start.
if [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
  rm -f /var/run/docker.pid
fi

log "starting: dockerd ${args[*]} (log: $LOG_FILE)"
printf '\n==== %s dockerd %s\n' "$(date -u +%FT%TZ)" "${args[*]}" >>"$LOG_FILE"
# setsid + nohup: the daemon outlives this script and its terminal.
setsid nohup /usr/sbin/dockerd "${args[@]}" >>"$LOG_FILE" 2>&1 </dev/null &
pid=$!

start=$SECONDS
until engine_answers; do
  if ! kill -0 "$pid" 2>/dev/null; then
    tail -n 40 "$LOG_FILE" >&2
    die "dockerd (pid $pid) exited during startup; log tail above ($LOG_FILE)"
  fi
  if [ $((SECONDS - start)) -ge "$WAIT_SECONDS" ]; then
    tail -n 40 "$LOG_FILE" >&2
    die "dockerd (pid $pid) did not answer within ${WAIT_SECONDS}s; log tail above ($LOG_FILE)"
  fi
  sleep 1
done

log "engine up after $((SECONDS - start))s (pid $pid)"
describe_engine
