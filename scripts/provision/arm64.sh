#!/usr/bin/env bash
# Let this amd64 machine run arm64 binaries (the arm64 appliance image is built and booted under
# emulation). Idempotent: installs Debian's qemu-user-static and binfmt-support when missing, mounts
# binfmt_misc when it is not, and registers qemu-aarch64 when the kernel does not know it yet.
# Run as root. Prints what it did; fails with the reason when emulation still does not work.
set -euo pipefail

BINFMT=/proc/sys/fs/binfmt_misc
log() { printf '[arm64.sh] %s\n' "$*"; }
die() { printf '[arm64.sh] ERROR: %s\n' "$*" >&2; exit 1; }

registered() { [ -f "$BINFMT/qemu-aarch64" ] && grep -qx enabled "$BINFMT/qemu-aarch64"; }
if registered && [ -x /usr/bin/qemu-aarch64-static ]; then
  log "qemu-aarch64 already registered: nothing to do"
  exit 0
fi
[ "$(id -u)" = 0 ] || die "arm64 emulation is not set up, and setting it up needs root"

missing=()
[ -x /usr/bin/qemu-aarch64-static ] || missing+=(qemu-user-static)
command -v update-binfmts >/dev/null 2>&1 || missing+=(binfmt-support)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -f "$BINFMT/register" ]; then
  log "mounting binfmt_misc on $BINFMT"
  mount -t binfmt_misc binfmt_misc "$BINFMT"
fi
# The package registers its interpreters at install time only when binfmt_misc was mounted then.
# The F (fix binary) flag of Debian's entry lets containers use the interpreter without it in their
# root filesystem.
if ! registered; then
  log "registering the qemu interpreters (update-binfmts)"
  update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || update-binfmts --import qemu-aarch64
fi
registered || die "qemu-aarch64 is not registered in $BINFMT"
grep -q '^flags:.*F' "$BINFMT/qemu-aarch64" || log "warning: qemu-aarch64 lacks the F flag: containers may not find the interpreter"
log "qemu-aarch64 registered ($(sed -n 's/^interpreter //p' "$BINFMT/qemu-aarch64"))"
