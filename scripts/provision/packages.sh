#!/usr/bin/env bash
# Installs the Debian packages the appliance and its tests need, or says exactly what is missing.
# Usage: scripts/provision/packages.sh run|test
set -euo pipefail
purpose="${1:-run}"

# command -> Debian package
declare -A need=([redis-server]=redis-server [restic]=restic [make]=make [g++]=g++ [python3]=python3)
# rclone: `rclone serve restic --append-only`, the REST backup target of the backup tests; zstd: the backup bench's baseline;
# openssl: the throwaway certificate of the HTTPS front in the single sign-on browser test (test/support/tls-front.ts).
if [ "$purpose" = test ]; then need[chromium]=chromium; need[zstd]=zstd; need[rclone]=rclone; need[openssl]=openssl; fi

missing=()
for cmd in "${!need[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${need[$cmd]}")
done
if [ "$purpose" = test ] && ! fc-list 2>/dev/null | grep -qi dejavu; then missing+=(fonts-dejavu-core); fi
# aiosmtpd: the real SMTP server the outgoing-mail test starts (test/integration/mail.test.ts).
if [ "$purpose" = test ] && ! /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1; then missing+=(python3-aiosmtpd); fi
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
