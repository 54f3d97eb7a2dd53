#!/usr/bin/env bash
# Lighthouse performance of built pages, served from loopback (issue 18).
#   bash bench/lighthouse.sh PUBLIC_DIR [PAGE …]
# Without PAGEs: the home page, every sector board, both history boards and
# the data index, in Spanish and in English. Each page is measured LH_RUNS
# times (default 3); bench/lighthouse.txt keeps the median of each figure,
# and `measure report` checks it against the budget: performance ≥ 95,
# total blocking time ≤ 200 ms, LCP ≤ 2 s.
#
# Lighthouse (the version pinned below, mobile preset: simulated slow 4G and
# 4× CPU slowdown) is installed with npm into LH_PREFIX (default
# bench/node_modules, ignored by git). Without node or npm, or without
# Chromium, it says so and exits 0: the rest of `make bench` goes on.
#
# Environment: LH_RUNS=3, LH_PREFIX=DIR, CHROME_PATH=/usr/bin/chromium,
# LH_OUT=bench/lighthouse.txt, LH_JSON=DIR (keep every JSON report there).
set -euo pipefail
PUB=$(cd "${1:?usage: lighthouse.sh PUBLIC_DIR [PAGE …]}" && pwd)
shift
cd "$(dirname "$0")/.."
ROOT=$PWD
LH_VERSION=13.5.0 # the current 13.x on the npm registry when issue 18 was measured
LH_RUNS=${LH_RUNS:-3}
LH_PREFIX=${LH_PREFIX:-$ROOT/bench}
LH_OUT=${LH_OUT:-$ROOT/bench/lighthouse.txt}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "lighthouse: node or npm not installed; skipped"
  exit 0
fi
if [ ! -x "$CHROME_PATH" ]; then
  echo "lighthouse: no Chromium at $CHROME_PATH; skipped"
  exit 0
fi
LH=$LH_PREFIX/node_modules/.bin/lighthouse
if [ ! -x "$LH" ] || ! grep -q "\"version\": \"$LH_VERSION\"" "$LH_PREFIX/node_modules/lighthouse/package.json" 2>/dev/null; then
  echo "installing lighthouse@$LH_VERSION into $LH_PREFIX/node_modules"
  mkdir -p "$LH_PREFIX"
  if ! (cd "$LH_PREFIX" && npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    --prefix "$LH_PREFIX" "lighthouse@$LH_VERSION" >/dev/null); then
    echo "lighthouse: npm install lighthouse@$LH_VERSION failed; skipped"
    exit 0
  fi
fi

PAGES=("$@")
if [ ${#PAGES[@]} -eq 0 ]; then
  for lang in "" en/; do
    PAGES+=("${lang}index.html")
    for f in "$PUB/${lang}"sectores/*.html; do [ -f "$f" ] && PAGES+=("${f#"$PUB"/}"); done
    PAGES+=("${lang}historia-ied.html" "${lang}historia-cooperacion.html" "${lang}datos.html")
  done
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
echo "# lighthouse $LH_VERSION (node $(node --version)), $("$CHROME_PATH" --version 2>/dev/null), $(nproc) cores, median of $LH_RUNS, $(date -u +%FT%TZ)" >"$OUT"
for page in "${PAGES[@]}"; do
  if [ ! -f "$PUB/$page" ]; then
    echo "lighthouse: $page is not in $PUB; skipped"
    continue
  fi
  ins=()
  for i in $(seq "$LH_RUNS"); do
    json=$TMP/$(echo "$page" | tr / _).$i.json
    "$LH" "http://127.0.0.1:$PORT/$page" --only-categories=performance --output=json \
      --output-path="$json" --quiet --form-factor=mobile \
      --chrome-flags="--headless --no-sandbox --disable-gpu --disable-background-networking" || true
    [ -s "$json" ] && ins+=(-in "$json")
    if [ -n "${LH_JSON:-}" ] && [ -s "$json" ]; then mkdir -p "$LH_JSON" && cp "$json" "$LH_JSON/"; fi
  done
  if [ ${#ins[@]} -eq 0 ]; then
    echo "lighthouse: no report for $page"
    continue
  fi
  "$TMP/measure" lighthouse -metrics "$OUT" -key "lh.$page" "${ins[@]}" || true
done
cp "$OUT" "$LH_OUT"
cat "$LH_OUT"
