#!/bin/sh
# Entrypoint of the Synapse test image: the subset of the official image's start.py that the
# appliance relies on.
#   (no argument) | run [ARGS...]  start the homeserver (adds --config-path unless given)
#   generate                        write a config and signing key (needs SYNAPSE_SERVER_NAME and
#                                   SYNAPSE_REPORT_STATS), then exit
# Runs as UID:GID (default 991:991 when started as root), like the official image.
set -eu
mode="${1:-run}"
[ $# -gt 0 ] && shift

config_dir="${SYNAPSE_CONFIG_DIR:-/data}"
config_path="${SYNAPSE_CONFIG_PATH:-$config_dir/homeserver.yaml}"
data_dir="${SYNAPSE_DATA_DIR:-/data}"

drop=""
# shellcheck disable=SC3028 # UID/GID are environment variables here, as in the official image
if [ "$(id -u)" = 0 ]; then
  uid="${UID:-991}"
  gid="${GID:-991}"
  drop="setpriv --reuid=$uid --regid=$gid --clear-groups"
fi

case "$mode" in
  generate)
    : "${SYNAPSE_SERVER_NAME:?Environment variable SYNAPSE_SERVER_NAME is mandatory in generate mode}"
    : "${SYNAPSE_REPORT_STATS:?Environment variable SYNAPSE_REPORT_STATS is mandatory in generate mode}"
    [ -n "$drop" ] && chown "$uid:$gid" "$data_dir"
    # shellcheck disable=SC2086
    exec $drop python -m synapse.app.homeserver --server-name "$SYNAPSE_SERVER_NAME" \
      --report-stats "$SYNAPSE_REPORT_STATS" --config-path "$config_path" \
      --config-directory "$config_dir" --data-directory "$data_dir" --generate-config --open-private-ports
    ;;
  run) ;;
  *) echo "Unknown execution mode '$mode'" >&2; exit 2 ;;
esac

has_module=0
has_config=0
for a in "$@"; do
  case "$a" in
    -m) has_module=1 ;;
    --config-path* | -c*) has_config=1 ;;
  esac
done
[ "$has_module" = 1 ] || set -- -m "${SYNAPSE_WORKER:-synapse.app.homeserver}" "$@"
if [ "$has_config" = 0 ]; then
  if [ ! -f "$config_path" ]; then
    echo "Config file '$config_path' does not exist. Render it into the data volume (or set SYNAPSE_CONFIG_PATH), or run with 'generate'." >&2
    exit 2
  fi
  set -- "$@" --config-path "$config_path"
fi

jemalloc="/usr/lib/$(uname -m)-linux-gnu/libjemalloc.so.2"
[ -f "$jemalloc" ] && export LD_PRELOAD="$jemalloc"

echo "Starting synapse with args $*"
# shellcheck disable=SC2086
exec $drop python "$@"
