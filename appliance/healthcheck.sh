#!/bin/sh
# appliance-health: the image's HEALTHCHECK. Healthy when the manager answers GET /api/health with 200.
#
# Docker 20.10 (Debian's) has no --start-interval: its first probe runs one --interval after start,
# and the next one an --interval after the previous probe ENDED. So the interval is short (1 s, to
# follow the API's start), and once a check has passed, every other probe is only a pause: it sleeps
# HEALTH_PAUSE seconds (within the probe's --timeout) and reports that check, at most that old.
# Idle: a check, then a 30 s pause, two probes per ~31 s instead of one per second. Every probe costs
# the engine ~65 ms of CPU (containerd exec, runc) whatever it runs, so their number is what matters;
# the check is bash's /dev/tcp (a few ms), not a node process (~40 MiB), and the pause is one `sleep`
# process (exec'd: 0.1 MiB of its own). A failed check drops the mark: probes are 1 s apart again and
# --retries decides.
set -u
# /run is root's; a container started with --user keeps its mark in /tmp.
if [ -w /run ]; then MARK=/run/appliance-health; else MARK=/tmp/appliance-health; fi
PAUSE="${HEALTH_PAUSE:-30}"
# The container's start (pid 1's start time): a mark left by a previous run of this container is stale.
boot="$(cut -d' ' -f22 /proc/1/stat)"
if [ "$(cat "$MARK" 2>/dev/null)" = "$boot passed" ]; then
  echo "$boot paused" >"$MARK"
  exec sleep "$PAUSE"
fi

# shellcheck disable=SC2016 # expanded by the inner bash
if answer="$(bash -c '
  exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
  printf "GET /api/health HTTP/1.0\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n" "$1" >&3
  IFS= read -r -t 5 status <&3 || { echo "no answer"; exit 1; }
  case "$status" in "HTTP/1."?" 200 "*) exit 0 ;; esac
  echo "$status"; exit 1' appliance-health "${PORT:-8080}" 2>&1)"; then
  echo "$boot passed" >"$MARK" 2>/dev/null
  exit 0
fi
rm -f "$MARK"
echo "GET /api/health: ${answer:-refused}"
exit 1
