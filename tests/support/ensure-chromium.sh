#!/usr/bin/env bash
# Playwright cannot download browsers on this network: use Debian's chromium, installing it when missing.
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$browser" ]; then exit 0; fi
echo "Chromium not found at $browser: installing Debian's chromium package…"
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
elif command -v sudo >/dev/null; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "Install Chromium (apt-get install chromium) or set CHROMIUM_PATH." >&2
  exit 1
fi
[ -x "$browser" ] || { echo "Chromium still missing at $browser" >&2; exit 1; }
