#!/usr/bin/env bash
# Install the system tools temoin uses, with apt-get, only when missing.
#   scripts/install-system-deps.sh run    what a running temoin needs:
#       exiftool (metadata evidence and checks), ffmpeg (audio and video
#       cleaning), DejaVu fonts (Cyrillic in certificate PDFs)
#   scripts/install-system-deps.sh test   the above, and what the tests need:
#       chromium (browser tests), pdftoppm (PDF rendering checks), gettext
set -euo pipefail
purpose="${1:-test}"

declare -A need=(
  [exiftool]=libimage-exiftool-perl
  [ffmpeg]=ffmpeg
)
if [ "$purpose" = "test" ]; then
  need[chromium]=chromium
  need[pdftoppm]=poppler-utils
  need[msgfmt]=gettext
fi
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
