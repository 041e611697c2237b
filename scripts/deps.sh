#!/usr/bin/env bash
# deps.sh — installs every Debian package stipple's build, server and tests need, then the npm
# test tooling from the committed lock file. Idempotent: when everything is present it does
# nothing; when a package is missing it runs `apt-get update` once and installs the missing ones.
set -euo pipefail
cd "$(dirname "$0")/.."

PKGS=(
  build-essential cmake pkg-config clang clang-format git ca-certificates tzdata
  libmicrohttpd-dev libjansson-dev libsqlite3-dev sqlite3 libpq-dev libsodium-dev
  libinih-dev libical-dev libcmocka-dev zlib1g-dev libcairo2-dev libpango1.0-dev libpng-dev libvips-dev libvips-tools libcurl4-openssl-dev libzip-dev
  postgresql postgresql-contrib
  nodejs npm curl
  wrk nginx-light valgrind bc libclang-rt-14-dev chromium python3-icalendar poppler-utils libimage-exiftool-perl fonts-dejavu-core python3-aiosmtpd
)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# A machine that already has Node (e.g. from another source) needs no Debian nodejs/npm.
if command -v node >/dev/null && command -v npm >/dev/null; then
  keep=(); for p in "${missing[@]}"; do [[ $p == nodejs || $p == npm ]] || keep+=("$p"); done
  missing=("${keep[@]+"${keep[@]}"}")
fi
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  echo "deps: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Test tooling from npm, pinned by package-lock.json; only when the lock changed.
if [ -f package-lock.json ]; then
  if [ ! -f node_modules/.stipple-lock ] || ! cmp -s package-lock.json node_modules/.stipple-lock; then
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json node_modules/.stipple-lock
  fi
fi
