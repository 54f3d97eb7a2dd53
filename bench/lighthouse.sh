#!/usr/bin/env bash
# Lighthouse performance scores of built pages, served from loopback.
#   bash bench/lighthouse.sh PUBLIC_DIR [HOME_PAGE] [BOARD_PAGE]
# Installs lighthouse into bench/node_modules (ignored by git) and uses
# Debian's Chromium (/usr/bin/chromium, installed with apt-get if missing).
# Writes bench/lighthouse.txt, which bench/run.sh puts in bench/results.md.
set -euo pipefail
PUB=$(cd "${1:?usage: lighthouse.sh PUBLIC_DIR [HOME] [BOARD]}" && pwd)
cd "$(dirname "$0")/.."
ROOT=$PWD
HOME_PAGE=${2:-index.html}
BOARD_PAGE=${3:-sectores/comercio.html}
LH_VERSION=12.8.2 # 13.x needs Node 22.19; Debian 12 ships Node 18/20

export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
if [ ! -x "$CHROME_PATH" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
LH=$ROOT/bench/node_modules/.bin/lighthouse
if [ ! -x "$LH" ] || ! grep -q "\"version\": \"$LH_VERSION\"" "$ROOT/bench/node_modules/lighthouse/package.json" 2>/dev/null; then
  echo "installing lighthouse@$LH_VERSION into bench/node_modules"
  (cd "$ROOT/bench" && npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    --prefix "$ROOT/bench" "lighthouse@$LH_VERSION" >/dev/null)
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/tablero-lh.XXXXXX")
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$PUB" >"$TMP/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$TMP"' EXIT
for _ in $(seq 50); do
  if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/')" 2>/dev/null; then break; fi
  sleep 0.1
done

go build -o "$TMP/measure" ./bench/measure
OUT=$TMP/lighthouse.txt
echo "# lighthouse $LH_VERSION, $("$CHROME_PATH" --version 2>/dev/null), $(date -u +%FT%TZ)" >"$OUT"
for pair in "home:$HOME_PAGE" "sector:$BOARD_PAGE"; do
  key=${pair%%:*} page=${pair#*:}
  if [ ! -f "$PUB/$page" ]; then
    echo "lighthouse: $page is not in $PUB; skipped"
    continue
  fi
  "$LH" "http://127.0.0.1:$PORT/$page" --only-categories=performance --output=json \
    --output-path="$TMP/$key.json" --quiet \
    --chrome-flags="--headless --no-sandbox --disable-gpu" || true
  "$TMP/measure" lighthouse -metrics "$OUT" -key "lh.$key" -in "$TMP/$key.json"
done
cp "$OUT" bench/lighthouse.txt
cat bench/lighthouse.txt
