#!/usr/bin/env bash
# Build the integration-test images with no container registry, each cached by tag.
#
#   scripts/test-images/build.sh [--force] [--only KEY[,KEY...]]
#
# Tags come from tags.json (read by the TypeScript tests too). A tag is skipped when it exists and
# carries the same recipe hash (label tl-test.recipe: hash of its build directory, build arguments
# and parent recipe); --force rebuilds everything without the build cache. Needs root and a running engine
# (scripts/provision/dockerd.sh). Uses Debian's /usr/bin/docker with BuildKit; the machine's CA
# bundle reaches builds only as the `ca` build secret, never as a layer.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DOCKER=/usr/bin/docker
CA="${CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}"
SUITE=bookworm
LOG_DIR="${TL_TEST_BUILD_LOGS:-/tmp/tl-test-build-logs}"
export DOCKER_HOST="${DOCKER_HOST:-unix:///var/run/docker.sock}"

FORCE=0
ONLY=""
while [ $# -gt 0 ]; do
  case "$1" in
    --force) FORCE=1 ;;
    --only) ONLY=",$2,"; shift ;;
    -h | --help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

log() { printf '[build.sh] %s\n' "$*"; }
die() { printf '[build.sh] ERROR: %s\n' "$*" >&2; exit 1; }
now_ms() { date +%s%3N; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'; }

tag() {
  local t
  t="$(sed -n "s/^[[:space:]]*\"$1\":[[:space:]]*\"\([^\"]*\)\".*/\1/p" "$HERE/tags.json")"
  [ -n "$t" ] || die "no key \"$1\" in tags.json"
  printf '%s' "$t"
}

[ "$(id -u)" = 0 ] || die "run as root (debootstrap and the Docker socket need it)"
"$DOCKER" info >/dev/null 2>&1 || die "no Docker engine answers on $DOCKER_HOST: run scripts/provision/dockerd.sh first"
mkdir -p "$LOG_DIR"

APT_UPDATED=0
ensure_packages() { # command:package ...
  local missing=() pair
  for pair in "$@"; do command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair##*:}"); done
  [ "${#missing[@]}" -eq 0 ] && return 0
  log "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  [ "$APT_UPDATED" = 1 ] || { apt-get update -q; APT_UPDATED=1; }
  apt-get install -y -q --no-install-recommends "${missing[@]}"
}
[ -s "$CA" ] || { ensure_packages update-ca-certificates:ca-certificates; [ -s "$CA" ] || die "no CA bundle at $CA"; }

# "URI SUITE" pairs of this machine's enabled Debian sources (one-line and deb822 formats).
apt_source_pairs() {
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    awk '$1 == "deb" { i = 2; if ($i ~ /^\[/) { while (i < NF && $i !~ /\]$/) i++; i++ } print $i, $(i + 1) }' "$f"
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk 'BEGIN { RS = ""; FS = "\n" }
      { types = ""; uris = ""; suites = ""; enabled = "yes"
        for (j = 1; j <= NF; j++) {
          line = $j; if (line ~ /^#/) continue
          key = tolower(line); sub(/:.*/, "", key); val = line; sub(/^[^:]*:[ \t]*/, "", val)
          if (key == "types") types = val; else if (key == "uris") uris = val
          else if (key == "suites") suites = val; else if (key == "enabled") enabled = tolower(val)
        }
        if (enabled == "no" || (" " types " ") !~ / deb /) next
        nu = split(uris, u, /[ \t]+/); ns = split(suites, s, /[ \t]+/)
        for (a = 1; a <= nu; a++) for (b = 1; b <= ns; b++) if (u[a] != "" && s[b] != "") print u[a], s[b]
      }' "$f"
  done
}

image_id() { "$DOCKER" image inspect -f '{{.Id}}' "$1" 2>/dev/null || true; }
# After a rebuild, drop the replaced image if nothing else uses it (never a broad prune).
drop_replaced() { # old-id tag
  [ -n "$1" ] && [ "$1" != "$(image_id "$2")" ] || return 0
  if "$DOCKER" rmi "$1" >/dev/null 2>&1; then log "removed the replaced image ${1:7:12}"; fi
}
image_recipe() { "$DOCKER" image inspect -f '{{index .Config.Labels "tl-test.recipe"}}' "$1" 2>/dev/null || true; }
image_size_mb() { "$DOCKER" image inspect -f '{{.Size}}' "$1" | awk '{ printf "%.0f", $1 / 1000000 }'; }
hash_of() { # files/dirs and strings -> sha256
  { for x in "$@"; do
      if [ "${x#/}" != "$x" ] && [ -e "$x" ]; then (cd "$x" 2>/dev/null && find . -type f -print0 | sort -z | xargs -0 sha256sum) || sha256sum <"$x"
      else printf '%s\n' "$x"; fi
    done; } | sha256sum | cut -c1-16
}

SUMMARY=()
record() { SUMMARY+=("$(printf '%-34s %-8s %7ss %6s MB' "$1" "$2" "$3" "$(image_size_mb "$1")")"); }
wanted() { [ -z "$ONLY" ] || [[ "$ONLY" == *",$1,"* ]]; }
# Skip when the tag exists with the same recipe (unless --force). Prints why it builds.
up_to_date() { # tag recipe
  local have
  have="$(image_recipe "$1")"
  if [ "$FORCE" = 1 ]; then log "$1: --force, rebuilding"; return 1; fi
  if [ -z "$have" ] && ! "$DOCKER" image inspect "$1" >/dev/null 2>&1; then log "$1: missing, building"; return 1; fi
  if [ "$have" != "$2" ]; then log "$1: recipe changed ($have -> $2), rebuilding"; return 1; fi
  log "$1: up to date (recipe $2), skipped"
  return 0
}

# --- base: debootstrap + docker import -------------------------------------------------------------
ROOTFS=""
cleanup_rootfs() {
  [ -n "$ROOTFS" ] && [ -d "$ROOTFS" ] || return 0
  # debootstrap mounts proc/sys (and may bind /dev) inside the target: unmount before deleting.
  local m
  # shellcheck disable=SC2013 # mount points under our mktemp directory have no spaces
  for m in $(awk -v r="$ROOTFS" 'index($2, r "/") == 1 { print $2 }' /proc/mounts | sort -r); do
    umount -l "$m" || true
  done
  rm -rf --one-file-system "$ROOTFS" || true
  ROOTFS=""
}
trap cleanup_rootfs EXIT

build_base() {
  local t recipe start mirror sources logf
  t="$(tag base)"
  recipe="$(hash_of "$HERE/base" "$SUITE" "$(declare -f build_base)")"
  start="$(now_ms)"
  if up_to_date "$t" "$recipe"; then record "$t" skipped "$(secs $(($(now_ms) - start)))"; return; fi
  ensure_packages debootstrap:debootstrap tar:tar
  local old_id
  old_id="$(image_id "$t")"

  sources="$(mktemp)"
  apt_source_pairs | awk -v s="$SUITE" '$2 == s || $2 == s "-updates" || $2 == s "-security" { print "deb", $1, $2, "main" }' | awk '!seen[$0]++' >"$sources"
  mirror="$(awk -v s="$SUITE" '$3 == s { print $2; exit }' "$sources")"
  if [ -z "$mirror" ]; then
    log "no $SUITE source in this machine's apt configuration: using debootstrap's default mirror"
    : >"$sources"
  fi

  ROOTFS="$(mktemp -d /var/tmp/tl-test-rootfs.XXXXXX)"
  logf="$LOG_DIR/base.log"
  log "$t: debootstrap --variant=minbase $SUITE (mirror: ${mirror:-debootstrap default}; log $logf)"
  if ! debootstrap --variant=minbase --components=main "$SUITE" "$ROOTFS" ${mirror:+"$mirror"} >"$logf" 2>&1; then
    tail -n 30 "$logf" >&2; die "debootstrap failed (log: $logf)"
  fi
  [ -s "$sources" ] || cp "$ROOTFS/etc/apt/sources.list" "$sources" 2>/dev/null || true
  "$HERE/base/finalize.sh" "$ROOTFS" "$sources" >>"$logf" 2>&1 || { tail -n 30 "$logf" >&2; die "finalize failed"; }
  rm -f "$sources"
  tar --numeric-owner --xattrs -C "$ROOTFS" -c --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' . |
    "$DOCKER" import \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'ENV LANG=C.UTF-8' \
      --change 'CMD ["bash"]' \
      --change "LABEL tl-test.recipe=$recipe org.opencontainers.image.description=\"Debian $SUITE minbase from debootstrap (test image)\"" \
      - "$t" >>"$logf"
  cleanup_rootfs
  drop_replaced "$old_id" "$t"
  record "$t" built "$(secs $(($(now_ms) - start)))"
}

# --- baseArm64: the same minbase for arm64, for the arm64 appliance image (scripts/image/base.sh --arch
# arm64). debootstrap runs the arm64 maintainer scripts under qemu-user emulation (one stage, thanks to
# the interpreter's F flag). Built only when asked (--only baseArm64), never by default.
build_base_foreign() { # key debian-arch
  local key="$1" arch="$2" t recipe start mirror sources logf old_id
  t="$(tag "$key")"
  recipe="$(hash_of "$HERE/base" "$SUITE" "$arch" "$(declare -f build_base_foreign)")"
  start="$(now_ms)"
  if up_to_date "$t" "$recipe"; then record "$t" skipped "$(secs $(($(now_ms) - start)))"; return; fi
  [ -f "/proc/sys/fs/binfmt_misc/qemu-${arch/arm64/aarch64}" ] ||
    die "this machine cannot run $arch binaries: run scripts/provision/arm64.sh first"
  ensure_packages debootstrap:debootstrap tar:tar
  old_id="$(image_id "$t")"
  sources="$(mktemp)"
  apt_source_pairs | awk -v s="$SUITE" '$2 == s || $2 == s "-updates" || $2 == s "-security" { print "deb", $1, $2, "main" }' | awk '!seen[$0]++' >"$sources"
  mirror="$(awk -v s="$SUITE" '$3 == s { print $2; exit }' "$sources")"
  ROOTFS="$(mktemp -d /var/tmp/tl-test-rootfs.XXXXXX)"
  logf="$LOG_DIR/base-$arch.log"
  log "$t: debootstrap --arch=$arch --variant=minbase $SUITE (mirror: ${mirror:-debootstrap default}; log $logf)"
  if ! debootstrap --arch="$arch" --variant=minbase --components=main "$SUITE" "$ROOTFS" ${mirror:+"$mirror"} >"$logf" 2>&1; then
    tail -n 30 "$logf" >&2; die "debootstrap --arch=$arch failed (log: $logf)"
  fi
  [ -s "$sources" ] || cp "$ROOTFS/etc/apt/sources.list" "$sources" 2>/dev/null || true
  "$HERE/base/finalize.sh" "$ROOTFS" "$sources" >>"$logf" 2>&1 || { tail -n 30 "$logf" >&2; die "finalize failed"; }
  rm -f "$sources"
  # `docker import --platform` needs an experimental engine; without it the image would say amd64. So
  # the image is handed to `docker load` as an archive whose config names the architecture.
  local archive="$ROOTFS/.tl-image" diff_id # removed with the root filesystem, left out of its tar
  mkdir -p "$archive"
  tar --numeric-owner --xattrs -C "$ROOTFS" -c --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' \
    --exclude=./.tl-image -f "$archive/layer.tar" .
  diff_id="sha256:$(sha256sum "$archive/layer.tar" | cut -d' ' -f1)"
  printf '{"architecture":"%s","os":"linux","created":"%s","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","LANG=C.UTF-8"],"Cmd":["bash"],"Labels":{"tl-test.recipe":"%s","org.opencontainers.image.description":"Debian %s %s minbase from debootstrap (test image)"}},"rootfs":{"type":"layers","diff_ids":["%s"]},"history":[{"created_by":"debootstrap --arch=%s --variant=minbase %s"}]}' \
    "$arch" "$(date -u +%FT%TZ)" "$recipe" "$SUITE" "$arch" "$diff_id" "$arch" "$SUITE" >"$archive/config.json"
  printf '[{"Config":"config.json","RepoTags":["%s"],"Layers":["layer.tar"]}]' "$t" >"$archive/manifest.json"
  tar -C "$archive" -c manifest.json config.json layer.tar | "$DOCKER" load >>"$logf"
  cleanup_rootfs
  drop_replaced "$old_id" "$t"
  record "$t" built "$(secs $(($(now_ms) - start)))"
}

# --- Dockerfile images ------------------------------------------------------------------------------
build_dockerfile() { # key dir parent-key [--build-arg K=V ...]
  local key="$1" name="$2" dir="$HERE/$2" parent_key="$3"; shift 3
  local t parent recipe start logf
  t="$(tag "$key")"
  parent="$(tag "$parent_key")"
  "$DOCKER" image inspect "$parent" >/dev/null 2>&1 || die "$t needs $parent, which is missing"
  recipe="$(hash_of "$dir" "$(image_recipe "$parent")" "$@")"
  start="$(now_ms)"
  if up_to_date "$t" "$recipe"; then record "$t" skipped "$(secs $(($(now_ms) - start)))"; return; fi
  logf="$LOG_DIR/${t//[\/:]/_}.log"
  log "$t: building from $name/ (log $logf)"
  local cache=() old_id
  old_id="$(image_id "$t")"
  [ "$FORCE" = 1 ] && cache=(--no-cache)
  if ! DOCKER_BUILDKIT=1 "$DOCKER" build --progress=plain "${cache[@]}" \
      --secret "id=ca,src=$CA" \
      --build-arg "BASE=$parent" "$@" \
      --label "tl-test.recipe=$recipe" \
      -t "$t" "$dir" >"$logf" 2>&1; then
    tail -n 40 "$logf" >&2; die "build of $t failed (log: $logf)"
  fi
  drop_replaced "$old_id" "$t"
  record "$t" built "$(secs $(($(now_ms) - start)))"
}

TOTAL_START="$(now_ms)"
wanted base && build_base
# Only on request: the default set stays the amd64 one.
[[ "$ONLY" == *",baseArm64,"* ]] && build_base_foreign baseArm64 arm64
wanted python && build_dockerfile python python base
wanted postgres && build_dockerfile postgres postgres base
wanted caddy && build_dockerfile caddy caddy base
wanted restic && build_dockerfile restic restic base
wanted synapse && build_dockerfile synapse synapse python --build-arg "SYNAPSE_VERSION=$(tag synapseVersion)"
wanted synapseNext && build_dockerfile synapseNext synapse-next synapse
wanted synapseBroken && build_dockerfile synapseBroken synapse-broken synapse
for s in element hedgedoc nextcloud; do
  wanted "$s" && build_dockerfile "$s" standin python --build-arg "SERVICE=$s"
done

printf '\n%-34s %-8s %8s %9s\n' TAG STATUS TIME SIZE
printf '%s\n' "${SUMMARY[@]}"
log "total $(secs $(($(now_ms) - TOTAL_START)))s"
