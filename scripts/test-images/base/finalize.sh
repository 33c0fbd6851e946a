#!/usr/bin/env bash
# Trim and configure a debootstrap'ed minbase root filesystem before `docker import`.
# Usage: finalize.sh ROOTFS SOURCES_FILE
#   SOURCES_FILE: one-line apt sources to install as the image's /etc/apt/sources.list
#   (taken by build.sh from this machine's own apt configuration).
# Everything this image needs to know about packages comes from those sources; nothing here names
# a mirror.
set -euo pipefail
root="$1"
sources="$2"
[ -x "$root/usr/bin/apt-get" ] || { echo "finalize.sh: $root is not a Debian root filesystem" >&2; exit 1; }

install -m 0644 "$sources" "$root/etc/apt/sources.list"
rm -f "$root"/etc/apt/sources.list.d/*

# Like Debian's official slim images: no docs, man pages or translations from later installs.
cat >"$root/etc/dpkg/dpkg.cfg.d/01-tl-test-nodoc" <<'CFG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
CFG
cat >"$root/etc/apt/apt.conf.d/01-tl-test" <<'CFG'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
Acquire::Languages "none";
Acquire::GzipIndexes "true";
Acquire::CompressionTypes::Order:: "gz";
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
CFG

# Package maintainer scripts must not try to start services inside an image build.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 0755 "$root/usr/sbin/policy-rc.d"

# One helper for every Dockerfile: update, install without recommends, clean up. apt uses the
# machine's CA bundle when the build mounts it as the `ca` secret (only matters for https sources).
cat >"$root/usr/local/bin/tl-apt-install" <<'SH'
#!/bin/sh
# tl-apt-install PACKAGE...  (test-image helper: apt-get update + install + clean)
set -eu
ca=/run/secrets/ca
if [ -s "$ca" ]; then
  aptq() { apt-get -q -o "Acquire::https::CAInfo=$ca" "$@"; }
else
  aptq() { apt-get -q "$@"; }
fi
aptq update
DEBIAN_FRONTEND=noninteractive aptq install -y --no-install-recommends "$@"
apt-get clean
rm -rf /var/lib/apt/lists/* /var/cache/apt/* /var/log/apt/* /var/log/dpkg.log /var/log/alternatives.log
SH
chmod 0755 "$root/usr/local/bin/tl-apt-install"

# Trim what debootstrap left behind.
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/* "$root"/var/cache/debconf/*-old \
  "$root"/var/log/apt/* "$root"/var/log/*.log "$root"/var/log/bootstrap.log \
  "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/groff/* \
  "$root"/usr/share/lintian/* "$root"/usr/share/linda/* "$root"/tmp/* "$root"/var/tmp/* \
  "$root"/debootstrap
find "$root/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete 2>/dev/null || true
find "$root/usr/share/doc" -mindepth 1 -type d -empty -delete 2>/dev/null || true
find "$root/usr/share/locale" -mindepth 1 -maxdepth 1 -not -name locale.alias -exec rm -rf {} + 2>/dev/null || true
# Docker manages these at run time.
rm -f "$root/etc/hostname" "$root/etc/resolv.conf"
: >"$root/etc/machine-id"
