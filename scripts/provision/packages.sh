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
# openssh-server: the real SFTP server of the SFTP backup place test (test/support/sftp-server.ts), run
# by the test on its own port (policy-rc.d keeps the package from starting a system sshd where one is set);
# python3-venv: moto's virtual environment below.
if [ "$purpose" = test ] && [ ! -x /usr/sbin/sshd ]; then missing+=(openssh-server); fi
if [ "$purpose" = test ] && ! /usr/bin/python3 -c 'import ensurepip' >/dev/null 2>&1; then missing+=(python3-venv); fi

# moto's S3 server (PyPI moto[server], in its own venv: Debian has no S3 server), for the S3 backup place
# test (test/support/s3-server.ts). Made after the system packages (it needs python3-venv).
moto_venv() {
  local venv="${TL_MOTO_VENV:-/opt/tl-test-moto}"
  [ "$purpose" = test ] || return 0
  [ -x "$venv/bin/moto_server" ] && return 0
  echo "Installing moto[server] in $venv"
  /usr/bin/python3 -m venv "$venv"
  "$venv/bin/pip" install -q 'moto[server]>=5,<6'
}

if [ ${#missing[@]} -eq 0 ]; then moto_venv; exit 0; fi

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
moto_venv
