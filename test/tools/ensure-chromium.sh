#!/usr/bin/env bash
# The end-to-end tests drive a real Chromium. Install Debian's chromium (and CJK fonts, so zh-TW
# screens and screenshots render) when missing and we are root; otherwise stop and say what to
# install. Never skip the browser tests silently, and never download a browser of our own.
set -euo pipefail

browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
need=()
[ -x "$browser" ] || need+=(chromium)
if ! fc-list ':lang=zh-tw' 2>/dev/null | grep -q .; then need+=(fonts-noto-cjk); fi

if [ ${#need[@]} -eq 0 ]; then
  echo "Chromium: $("$browser" --version 2>/dev/null || echo "$browser")"
  exit 0
fi

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${need[*]} from Debian's packages…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  [ -x "$browser" ] || { echo "Chromium is still missing at $browser after installing." >&2; exit 1; }
  echo "Chromium: $("$browser" --version 2>/dev/null)"
  exit 0
fi

if [[ " ${need[*]} " == *" chromium "* ]]; then
  cat >&2 <<MSG
The end-to-end tests need Chromium at $browser, and this user cannot install it.
Install it, then run the tests again:
    sudo apt-get install -y chromium fonts-noto-cjk
(or set CHROMIUM_PATH to an existing Chromium or Chrome executable).
MSG
  exit 1
fi
echo "Warning: no CJK font found; zh-TW text in screenshots will not render. Install fonts-noto-cjk." >&2
