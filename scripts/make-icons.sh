#!/usr/bin/env bash
# Regenerates the app icons from build/icon.svg; the results are committed, so `npm run dist` never runs this.
# Needs Debian's librsvg2-bin (rsvg-convert), icnsutils (png2icns) and icoutils (icotool):
#   apt-get install librsvg2-bin icnsutils icoutils
set -euo pipefail
cd "$(dirname "$0")/../build"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
png() { rsvg-convert -w "$1" -h "$1" icon.svg -o "$2"; }

# electron-builder's default icon (1024 px; Linux and the window icon use it too).
png 1024 icon.png
# Linux: hicolor theme sizes for the .deb and AppImage (electron-builder reads build/icons/NxN.png).
mkdir -p icons
for s in 16 24 32 48 64 128 256 512 1024; do png "$s" "icons/${s}x${s}.png"; done
# Windows: one .ico with the sizes Explorer and the taskbar ask for.
for s in 16 24 32 48 64 128 256; do png "$s" "$tmp/ico-$s.png"; done
icotool -c -o icon.ico "$tmp"/ico-{16,24,32,48,64,128}.png -r "$tmp/ico-256.png"
# macOS: .icns (png2icns takes the sizes it knows: 16, 32, 48, 128, 256, 512, 1024).
for s in 16 32 48 128 256 512 1024; do png "$s" "$tmp/icns-$s.png"; done
png2icns icon.icns "$tmp"/icns-{16,32,48,128,256,512,1024}.png >/dev/null
echo "Icons written to build/: icon.png, icon.ico, icon.icns, icons/*.png"
