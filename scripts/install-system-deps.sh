#!/usr/bin/env bash
# Install the system tools the tests use, with apt-get, only when missing:
# chromium (browser tests), exiftool (the judge of metadata removal), ffmpeg
# (audio and video cleaning), pdftoppm (PDF rendering checks), gettext.
set -euo pipefail

declare -A need=(
  [chromium]=chromium
  [exiftool]=libimage-exiftool-perl
  [ffmpeg]=ffmpeg
  [pdftoppm]=poppler-utils
  [msgfmt]=gettext
)
missing=()
for tool in "${!need[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("${need[$tool]}")
done
# Fonts with Cyrillic for certificate PDFs (temoin.core.certificate_pdf).
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing system packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
