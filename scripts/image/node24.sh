#!/usr/bin/env bash
# Make the image's Node major (24) available on the HOST, from the npm registry (node-linux-<arch> +
# the npm that release bundles; see lib.sh), so the test suite can run on the same Node as the image.
#
#   scripts/image/node24.sh          installs if needed, prints the bin directory (the only stdout line)
#   scripts/image/node24.sh --env    prints shell lines to eval: PATH and npm_config_nodedir
#
#   export PATH="$(scripts/image/node24.sh):$PATH"        # node, npm, npx are Node 24's
#   eval "$(scripts/image/node24.sh --env)"                # the same, plus headers for node-gyp
#
# Native modules are per ABI (Node 20: 115, Node 24: 137): after switching, better-sqlite3 must be
# rebuilt (`npm rebuild better-sqlite3`, with npm_config_nodedir pointing at this install so node-gyp
# uses Node 24's headers, not a ~/.npmrc nodedir meant for the system Node), and rebuilt again for the
# system Node when going back. Installs under TL_NODE24_DIR (default /opt/tl-node24, or
# ~/.cache/tl-node24 when that is not writable): <dir>/<version>/ and the link <dir>/current.
# NODE_VERSION (default 24), NPM_VERSION, TL_NODE_CACHE: see lib.sh.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MODE='path'
case "${1:-}" in
  '') ;;
  --env) MODE='env' ;;
  -h | --help) sed -n '2,18p' "$0"; exit 0 ;;
  *) echo "node24.sh: unknown argument: $1" >&2; exit 2 ;;
esac
log() { printf '[node24.sh] %s\n' "$*" >&2; }

DIR="${TL_NODE24_DIR:-/opt/tl-node24}"
if ! mkdir -p "$DIR" 2>/dev/null || [ ! -w "$DIR" ]; then DIR="${XDG_CACHE_HOME:-$HOME/.cache}/tl-node24"; mkdir -p "$DIR"; fi

# shellcheck source=scripts/image/lib.sh
. "$HERE/lib.sh"
export NODE_VERSION="${NODE_VERSION:-24}"
resolve_node >/dev/null
prefix="$DIR/$NODE_EXACT"
if [ -x "$prefix/bin/node" ] && [ "$("$prefix/bin/npm" --version 2>/dev/null)" = "$NPM_EXACT" ]; then
  log "node $NODE_EXACT + npm $NPM_EXACT already in $prefix"
else
  tmp="$(mktemp -d "$DIR/.install.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  install_node_prefix "$tmp"
  chmod 0755 "$tmp"
  "$tmp/bin/node" --version >/dev/null || { log "ERROR: the downloaded node does not run on this machine"; exit 1; }
  rm -rf "$prefix"
  mv "$tmp" "$prefix"
  log "installed node $NODE_EXACT + npm $NPM_EXACT in $prefix"
fi
ln -sfn "$NODE_EXACT" "$DIR/current"

case "$MODE" in
  path) echo "$prefix/bin" ;;
  env)
    # shellcheck disable=SC2016 # $PATH is for the shell that evals this
    printf 'export PATH=%q:"$PATH"\n' "$prefix/bin"
    printf 'export npm_config_nodedir=%q\n' "$prefix"
    ;;
esac
