#!/usr/bin/env bash
# Makes sure ffmpeg and ffprobe are available: uses REELM_FFMPEG/REELM_FFPROBE or the ones on PATH,
# and on Debian/Ubuntu as root installs Debian's ffmpeg (plus a font for storyboard labels) when missing.
# Elsewhere it says what to install and exits 1.
set -euo pipefail

ffmpeg_bin="${REELM_FFMPEG:-ffmpeg}"
ffprobe_bin="${REELM_FFPROBE:-ffprobe}"
have() { command -v "$1" >/dev/null 2>&1; }

need_fonts=0
if have fc-list && [ -z "$(fc-list 2>/dev/null | head -n 1)" ]; then need_fonts=1; fi
if ! have fc-list; then need_fonts=1; fi

if have "$ffmpeg_bin" && have "$ffprobe_bin" && [ "$need_fonts" = 0 ]; then
  exit 0
fi

if [ "$(id -u)" = 0 ] && have apt-get; then
  packages=()
  if ! have "$ffmpeg_bin" || ! have "$ffprobe_bin"; then packages+=(ffmpeg); fi
  if [ "$need_fonts" = 1 ]; then packages+=(fontconfig fonts-dejavu-core); fi
  echo "reelm: installing ${packages[*]} with apt-get…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  exit 0
fi

if ! have "$ffmpeg_bin" || ! have "$ffprobe_bin"; then
  cat >&2 <<MSG
reelm needs ffmpeg and ffprobe (4.4 or newer; 5.x or 6.x recommended) and could not find them.
  Debian/Ubuntu:  sudo apt-get install ffmpeg
  macOS:          brew install ffmpeg
  Windows:        winget install ffmpeg
Or point reelm at your binaries: REELM_FFMPEG=/path/to/ffmpeg REELM_FFPROBE=/path/to/ffprobe
MSG
  exit 1
fi
echo "reelm: no fonts found; storyboard time labels may not render (install fonts-dejavu-core or any TTF font)." >&2
