#!/usr/bin/env bash
# Build the appliance image (appliance/Dockerfile) with no container registry.
#
#   scripts/image/build.sh [--tag T] [--version V] [--base IMAGE] [--runtime-base IMAGE] [--no-cache]
#                          [--arch arm64]
#
# Default tag tiers-lieux/appliance:dev; version from package.json. The build stage's base is the local
# tl-local/node:24-bookworm-slim prepared by base.sh (run first, cached by recipe) unless --base names
# another (e.g. the official node:24-bookworm-slim when a registry is reachable); the runtime's is its
# Debian minbase, tl-test/debian-base:bookworm (--runtime-base debian:bookworm-slim with a registry).
# Also tags the Dockerfile's node-runtime stage (that minbase + the Node binary alone) as
# NODE_RUNTIME_IMAGE (default tl-local/node-runtime:24-bookworm), the bench's baseline. Uses Debian's
# /usr/bin/docker with BuildKit; the machine's CA bundle (CA_BUNDLE, default
# /etc/ssl/certs/ca-certificates.crt) reaches npm and apt only as the `ca` build secret.
# Prints the build time and the image size; the build log is in /tmp/tl-image-build-logs/.
# --arch arm64: tiers-lieux/appliance:dev-arm64 (APPLIANCE_IMAGE_ARM64; node-runtime tl-local/node-runtime:24-bookworm-arm64),
# the server and web compiled here, the production dependencies installed under qemu-user emulation on
# base.sh --arch arm64 (scripts/provision/arm64.sh sets emulation up). Skipped when the tag carries the
# same recipe (label tl-local.recipe: the build inputs' content and the bases' recipes).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DOCKER=/usr/bin/docker
CA="${CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}"
LOG_DIR="${TL_IMAGE_BUILD_LOGS:-/tmp/tl-image-build-logs}"
export DOCKER_HOST="${DOCKER_HOST:-unix:///var/run/docker.sock}"

TAG=""
VERSION=""
BASE=""
RUNTIME_BASE=tl-test/debian-base:bookworm
NODE_RUNTIME="${NODE_RUNTIME_IMAGE:-tl-local/node-runtime:24-bookworm}"
NO_CACHE=()
ARCH=""
while [ $# -gt 0 ]; do
  case "$1" in
    --tag) TAG="$2"; shift ;;
    --version) VERSION="$2"; shift ;;
    --base) BASE="$2"; shift ;;
    --runtime-base) RUNTIME_BASE="$2"; shift ;;
    --no-cache) NO_CACHE=(--no-cache) ;;
    --arch) ARCH="$2"; shift ;;
    -h | --help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

log() { printf '[image/build.sh] %s\n' "$*"; }
die() { printf '[image/build.sh] ERROR: %s\n' "$*" >&2; exit 1; }
now_ms() { date +%s%3N; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'; }
image_label() { "$DOCKER" image inspect -f '{{index .Config.Labels "tl-local.recipe"}}' "$1" 2>/dev/null || true; }
# recipe_of BASE TARGET_BASE RUNTIME_BASE ARGS...: hash of the build context's files (tracked or not, but
# not ignored), the bases' recipes and the build arguments (not the creation date, not the revision).
recipe_of() {
  local b
  { (cd "$ROOT" && git ls-files -z -co --exclude-standard -- 'appliance/Dockerfile*' 'appliance/*.sh' server web \
      package.json package-lock.json tsconfig.json .npmrc ':(exclude,glob)server/src/**/*.spec.ts' | sort -z | xargs -0 sha256sum)
    for b in "$1" "$2" "$3"; do printf '%s %s\n' "$b" "$(image_label "$b")$("$DOCKER" image inspect -f '{{index .Config.Labels "tl-test.recipe"}}' "$b")"; done
    shift 3; printf '%s\n' "$@"; } | sha256sum | cut -c1-16
}

"$DOCKER" info >/dev/null 2>&1 || die "no Docker engine answers on $DOCKER_HOST: run scripts/provision/dockerd.sh first"
mkdir -p "$LOG_DIR"
start="$(now_ms)"

if [ -z "$BASE" ]; then
  BASE="$("$HERE/base.sh" | tail -n1)" || die "base.sh failed"
fi
cross=()
case "$ARCH" in
  "" | amd64) ARCH="" TAG="${TAG:-${APPLIANCE_IMAGE:-tiers-lieux/appliance:dev}}" ;;
  arm64)
    TAG="${TAG:-${APPLIANCE_IMAGE_ARM64:-tiers-lieux/appliance:dev-arm64}}"
    NODE_RUNTIME="$NODE_RUNTIME-arm64"
    [ "$RUNTIME_BASE" = tl-test/debian-base:bookworm ] && RUNTIME_BASE=tl-test/debian-base:bookworm-arm64
    target_base="$("$HERE/base.sh" --arch arm64 | tail -n1)" || die "base.sh --arch arm64 failed"
    cross=(--platform linux/arm64 --build-arg "TARGET_BASE_IMAGE=$target_base" --build-arg DEPS=target-deps) ;;
  *) die "unsupported --arch $ARCH (amd64 or arm64)" ;;
esac
"$DOCKER" image inspect "$BASE" >/dev/null 2>&1 || die "base image $BASE is missing"
case "$RUNTIME_BASE" in
  tl-*) "$DOCKER" image inspect "$RUNTIME_BASE" >/dev/null 2>&1 ||
    die "runtime base $RUNTIME_BASE is missing: scripts/test-images/build.sh --only base, or --runtime-base debian:bookworm-slim" ;;
esac
[ -n "$VERSION" ] || VERSION="$(sed -n 's/^  "version": "\([^"]*\)".*/\1/p' "$ROOT/package.json" | head -n1)"
[ -n "$VERSION" ] || die "no version: pass --version"
secret=()
if [ -s "$CA" ]; then secret=(--secret "id=ca,src=$CA"); else log "no CA bundle at $CA: building without the ca secret"; fi
revision="$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || true)"
if [ -n "$revision" ] && [ -n "$(git -C "$ROOT" status --porcelain -- server web package.json package-lock.json tsconfig.json appliance 2>/dev/null)" ]; then
  revision="$revision-dirty"
fi
# An https remote without credentials only (never leak a token from a remote URL into a label).
source_url="$(git -C "$ROOT" remote get-url origin 2>/dev/null || true)"
[[ "$source_url" =~ ^https://[^@/]+/ ]] || source_url=""

old_id="$("$DOCKER" image inspect -f '{{.Id}}' "$TAG" 2>/dev/null || true)"
label=()
if [ -n "$ARCH" ]; then
  recipe="$(recipe_of "$BASE" "$target_base" "$RUNTIME_BASE" "$VERSION" "$source_url" "${cross[@]}")"
  if [ "${#NO_CACHE[@]}" = 0 ] && [ "$(image_label "$TAG")" = "$recipe" ] && "$DOCKER" image inspect "$NODE_RUNTIME" >/dev/null 2>&1; then
    log "$TAG: up to date (recipe $recipe), skipped in $(secs $(($(now_ms) - start)))s"
    exit 0
  fi
  label=(--label "tl-local.recipe=$recipe")
fi
logf="$LOG_DIR/appliance${ARCH:+-$ARCH}.log"
log "building $TAG (version $VERSION, base $BASE; log $logf)"
build_start="$(now_ms)"
if ! DOCKER_BUILDKIT=1 "$DOCKER" build --progress=plain "${NO_CACHE[@]}" "${secret[@]}" "${cross[@]}" "${label[@]}" \
    -f "$ROOT/appliance/Dockerfile" \
    --build-arg "BASE_IMAGE=$BASE" \
    --build-arg "RUNTIME_BASE=$RUNTIME_BASE" \
    --build-arg "VERSION=$VERSION" \
    --build-arg "REVISION=$revision" \
    --build-arg "CREATED=$(date -u +%FT%TZ)" \
    --build-arg "SOURCE=$source_url" \
    -t "$TAG" "$ROOT" >"$logf" 2>&1; then
  tail -n 60 "$logf" >&2
  die "build of $TAG failed (log: $logf)"
fi
build_ms=$(($(now_ms) - build_start))
# The same stages, cached: only a tag for the node-runtime stage.
if ! DOCKER_BUILDKIT=1 "$DOCKER" build --progress=plain "${secret[@]}" "${cross[@]}" -f "$ROOT/appliance/Dockerfile" \
    --build-arg "BASE_IMAGE=$BASE" --build-arg "RUNTIME_BASE=$RUNTIME_BASE" \
    --target node-runtime -t "$NODE_RUNTIME" "$ROOT" >>"$logf" 2>&1; then
  tail -n 30 "$logf" >&2
  die "build of $NODE_RUNTIME failed (log: $logf)"
fi
new_id="$("$DOCKER" image inspect -f '{{.Id}}' "$TAG")"
if [ -n "$old_id" ] && [ "$old_id" != "$new_id" ]; then
  if "$DOCKER" rmi "$old_id" >/dev/null 2>&1; then log "removed the replaced image ${old_id:7:12}"; fi
fi
size="$("$DOCKER" image inspect -f '{{.Size}}' "$TAG")"
log "$TAG ${new_id:7:12}: image build $(secs "$build_ms")s (total with base $(secs $(($(now_ms) - start)))s)"
log "image size: $size bytes ($(awk -v b="$size" 'BEGIN { printf "%.0f", b / 1000000 }') MB)"
