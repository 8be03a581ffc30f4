#!/usr/bin/env bash
# Debian packages the tests and sample generator use. Installs only what is missing,
# and only when it can (root with apt-get); otherwise it says what to install.
set -euo pipefail
PKGS=(fonts-droid-fallback fonts-dejavu-core poppler-utils poppler-data libreoffice-writer-nogui libreoffice-calc-nogui chromium tesseract-ocr tesseract-ocr-chi-sim)
missing=()
for p in "${PKGS[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "please install these Debian packages: ${missing[*]}" >&2
  exit 1
fi
