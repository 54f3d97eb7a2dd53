#!/usr/bin/env bash
# Build-speed and size benchmarks (issue 8); `make bench` runs this.
# Writes bench/results.md and prints it. See bench/README.md.
#
# Environment:
#   RUNS=5          runs per timed build (the median is reported)
#   GOBENCH=1       run the Go benchmarks (0 to skip)
#   BENCHTIME=3x    -benchtime of the Go benchmarks (SERVE_BENCHTIME=10x: the preview's)
#   QUIET_WAIT=0    seconds to wait for the load average to drop below the core count
#   RATIO_ROUNDS=5  rounds of the 10,000-against-1,000-pages ratio (1 build, then 5 of 1,000)
#   INSTRUCTIONS=0  1 to count the instructions of one 1,000- and one 10,000-page build
#                   under valgrind's callgrind (about 12 minutes; needs valgrind)
#   LIGHTHOUSE=1    run bench/lighthouse.sh on every board, es and en, median of LH_RUNS=3
#                   (npm install + Chromium; skipped when node or npm is missing; 0 to skip)
#   SECTOR_PAGE, SECTOR_PAGE2, MAP_PAGE, MAP_PAGE2   DatACI pages to weigh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
START=$SECONDS
RUNS=${RUNS:-5}
GOBENCH=${GOBENCH:-1}
BENCHTIME=${BENCHTIME:-3x}

TMP=$(mktemp -d "${TMPDIR:-/tmp}/tablero-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
METRICS=$TMP/metrics.txt
: >"$METRICS"
NOTES=$TMP/notes.txt
: >"$NOTES"

step() { printf '\n== %s (%ds)\n' "$*" $((SECONDS - START)); }

step "compiling"
mkdir -p bin
go build -o bin/tablero ./cmd/tablero
go build -o "$TMP/measure" ./bench/measure
go build -o "$TMP/synth" ./internal/synth/cmd/synth
M=$TMP/measure

step "generating synthetic sites"
for n in 10 100 1000; do
  "$TMP/synth" -out "$TMP/site-$n" -boards "$n" -rows 50
done
# Issue 15: plain pages in one folder, one language, 3 charts + a table each.
for n in 100 1000 10000; do
  "$TMP/synth" -out "$TMP/site-p$n" -boards 0 -pages "$n" -rows 50
done
# The same 1,000 pages without filters (every fourth page has one above),
# as the issue states the workload: timed for information.
"$TMP/synth" -out "$TMP/site-p1000nf" -boards 0 -pages 1000 -rows 50 -nofilters
"$TMP/synth" -out "$TMP/site-gen" -boards 0 -generated -genrows 50000 -genvalues 1000
"$TMP/synth" -out "$TMP/site-big1m" -boards 0 -big -bigrows 1000000
"$TMP/synth" -out "$TMP/site-big100k" -boards 0 -big -bigrows 100000
du -sh "$TMP"/site-* | sed 's|'"$TMP"'/||'

# timed KEY SOURCE: median of RUNS whole `tablero build` processes, each
# after the reference work (bench/measure/reference.go), whose time says
# how fast the machine was meanwhile.
timed() {
  local key=$1 src=$2
  if ! "$M" run -metrics "$METRICS" -key "$key" -n "$RUNS" -ref -- \
      "$ROOT/bin/tablero" build --source "$src" --out "$TMP/pub-$key"; then
    echo "$key: the build failed (see above)" | tee -a "$NOTES"
    return 0
  fi
  echo "$key.out_mb $(du -sb "$TMP/pub-$key" | awk '{print $1 / 1e6}')" >>"$METRICS"
}

# The machine may be shared: with QUIET_WAIT=SECONDS, wait up to that long
# for the 1-minute load average to fall below the number of cores.
if [ "${QUIET_WAIT:-0}" -gt 0 ]; then
  step "waiting for a quiet machine (load $(cut -d' ' -f1 /proc/loadavg))"
  for _ in $(seq "$QUIET_WAIT"); do
    awk -v n="$(nproc)" '{exit !($1 < n)}' /proc/loadavg && break
    sleep 1
  done
fi

step "timing whole builds ($RUNS runs each, load $(cut -d' ' -f1 /proc/loadavg))"
timed dataci "$ROOT"
timed b10 "$TMP/site-10"
timed b100 "$TMP/site-100"
timed b1000 "$TMP/site-1000"
timed p1000 "$TMP/site-p1000"
timed p1000nf "$TMP/site-p1000nf"
RUNS=1 timed p100 "$TMP/site-p100"
# Three runs: the first writes every file new, the median is a rebuild
# like the 1,000-page median it is compared with.
RUNS=3 timed p10000 "$TMP/site-p10000"
# The budget compares the two sizes: timed in alternation (five 1,000-page
# builds, one of 10,000, five of 1,000, one of 10,000, …, over the outputs
# built above; each 10,000-page build against the ten 1,000-page builds on
# both sides of it), so that a change in the machine's speed between the
# steps above, or during a round, is not read as a change in the ratio.
# RATIO_ROUNDS=5 rounds; the median round counts.
"$M" ratio -metrics "$METRICS" -key pratio -rounds "${RATIO_ROUNDS:-5}" -n 5 -- \
  "$ROOT/bin/tablero" build --source "$TMP/site-p1000" --out "$TMP/pub-p1000" :: \
  "$ROOT/bin/tablero" build --source "$TMP/site-p10000" --out "$TMP/pub-p10000" ||
  echo "pratio: a build failed (see above)" | tee -a "$NOTES"
# One page's HTML must not grow with the site (budget: within 10 %), and the
# first search query must stay small (budget: 300 KB gzip at 10,000 pages).
for n in 100 10000; do
  f=$TMP/pub-p$n/paginas/page-00001.html
  if [ -f "$f" ]; then
    echo "p$n.page_bytes $(wc -c <"$f")" >>"$METRICS"
    echo "one page's HTML at $n pages: $(wc -c <"$f") bytes" | tee -a "$NOTES"
  fi
done
if [ -d "$TMP/pub-p10000" ]; then
  sb=$(bash bench/searchbytes.sh "$TMP/pub-p10000")
  echo "p10000.search_bytes $sb" >>"$METRICS"
  echo "search at 10,000 pages, first query (manifest + largest shard, gzip): $sb bytes" | tee -a "$NOTES"
fi
timed gen1000 "$TMP/site-gen"
timed big1m "$TMP/site-big1m"
timed big100k "$TMP/site-big100k"
for r in 1m 100k; do
  "$M" run -metrics "$METRICS" -key "scan$r" -n "$RUNS" -- \
    "$M" scan -source "$TMP/site-big$r" -csv data/big.csv || echo "scan$r failed" | tee -a "$NOTES"
  # The same rows as an Excel workbook, streamed the same way.
  if "$M" toxlsx -source "$TMP/site-big$r" -csv data/big.csv -out data/bigx.xlsx; then
    # RUNS runs, as the CSV: the sheet is streamed by dataset's own reader.
    "$M" run -metrics "$METRICS" -key "xlsx$r" -n "$RUNS" -- \
      "$M" scan -source "$TMP/site-big$r" -csv data/bigx.xlsx || echo "xlsx$r failed" | tee -a "$NOTES"
    rm -f "$TMP/site-big$r/data/bigx.xlsx" "$TMP/site-big$r/data/bigx.toml"
  fi
done

step "bytes of a first view (DatACI)"
PUB=$TMP/pub-dataci
if [ -d "$PUB" ]; then
  SECTOR_PAGE=${SECTOR_PAGE:-$(cd "$PUB" && ls sectores/*.html 2>/dev/null | sed -n 1p)}
  SECTOR_PAGE2=${SECTOR_PAGE2:-$(cd "$PUB" && ls sectores/*.html 2>/dev/null | sed -n 2p)}
  MAP_PAGE=${MAP_PAGE:-historia-ied.html}
  MAP_PAGE2=${MAP_PAGE2:-historia-cooperacion.html}
  weigh() { # KEY PAGE [THEN]
    if [ -z "$2" ] || [ ! -f "$PUB/$2" ]; then
      echo "bytes.$1: page ${2:-?} not in the DatACI build" | tee -a "$NOTES"
      return 0
    fi
    local then=()
    if [ -n "${3:-}" ] && [ -f "$PUB/$3" ]; then then=(-then "$3"); fi
    "$M" bytes -metrics "$METRICS" -key "bytes.$1" -public "$PUB" -page "$2" "${then[@]}" || true
  }
  weigh home index.html "$SECTOR_PAGE"
  weigh sector "$SECTOR_PAGE" "$SECTOR_PAGE2"
  weigh ied "$MAP_PAGE" "$MAP_PAGE2"
else
  echo "DatACI did not build: no bytes measured" | tee -a "$NOTES"
fi

GOOUT=$TMP/gobench.txt
: >"$GOOUT"
if [ "$GOBENCH" = 1 ]; then
  # Keep the whole script under 5 minutes on a slow or busy machine.
  if [ $((SECONDS - START)) -gt 150 ] && [ "$BENCHTIME" != 1x ]; then
    echo "Go benchmarks ran with -benchtime=1x: the timed builds took $((SECONDS - START))s" | tee -a "$NOTES"
    BENCHTIME=1x
  fi
  step "Go benchmarks (-benchtime=$BENCHTIME)"
  go test -run='^$' -bench='^Benchmark(Build|ScanBig1M|RebuildOneCSV|Rebuild1000OneCSV|Stage)' -benchtime="$BENCHTIME" \
    -benchmem -timeout=10m ./internal/build/ 2>&1 | tee "$GOOUT" || echo "some Go benchmarks of internal/build failed" | tee -a "$NOTES"
  # The preview server's own benchmarks, when it has them. A rebuild is
  # short and its first ones after the site is built run slower (stop 40:
  # 8.6–11.6 % of a full build at 3x, 5.7–6.9 % at 8x), so they time 10
  # edits unless the machine is too slow for it (BENCHTIME=1x above).
  SERVE_BENCHTIME=${SERVE_BENCHTIME:-10x}
  [ "$BENCHTIME" = 1x ] && SERVE_BENCHTIME=1x
  if grep -qs 'func BenchmarkRebuildOneCSV' internal/serve/*_test.go; then
    go test -run='^$' -bench='^Benchmark(RebuildOneCSV|Rebuild1000OneCSV|RebuildGeneratedOneValue|EditToReload)$' -benchtime="$SERVE_BENCHTIME" \
      -benchmem -timeout=5m ./internal/serve/ 2>&1 | tee -a "$GOOUT" || echo "the internal/serve benchmarks failed" | tee -a "$NOTES"
  fi
  "$M" gobench -metrics "$METRICS" -in "$GOOUT"
fi

if [ "${LIGHTHOUSE:-1}" = 1 ] && [ -d "$PUB" ]; then
  step "Lighthouse (every board, es and en, median of ${LH_RUNS:-3})"
  bash bench/lighthouse.sh "$PUB" ||
    echo "Lighthouse failed; bench/lighthouse.txt keeps the previous figures" | tee -a "$NOTES"
fi

# Wall times on a shared machine swing with its neighbours; instructions
# hardly do: callgrind counts nearly the same for the same binary and
# inputs whatever else runs (the collector's timing moves it a little), so
# the two builds' counts say how the work itself grows with the site. Last, so that its minutes do not count against the Go
# benchmarks' time. Go's preemption signals upset callgrind, hence asyncpreemptoff.
if [ "${INSTRUCTIONS:-0}" = 1 ]; then
  step "instructions of the 1,000- and 10,000-page builds (callgrind)"
  if command -v valgrind >/dev/null; then
    for n in 1000 10000; do
      if GODEBUG=asyncpreemptoff=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
          "$ROOT/bin/tablero" build --source "$TMP/site-p$n" --out "$TMP/pub-p$n" >/dev/null 2>"$TMP/callgrind-$n.log"; then
        ir=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$TMP/callgrind-$n.log")
        [ -n "$ir" ] && echo "p$n.instructions $ir" >>"$METRICS"
      else
        echo "callgrind p$n failed: $(tail -3 "$TMP/callgrind-$n.log")" | tee -a "$NOTES"
      fi
    done
  else
    echo "INSTRUCTIONS=1 needs valgrind: not counted" | tee -a "$NOTES"
  fi
fi

step "report"
LH=()
if [ -f bench/lighthouse.txt ]; then LH=(-lighthouse bench/lighthouse.txt); fi
"$M" report -metrics "$METRICS" -gobench "$GOOUT" "${LH[@]}" -out bench/results.md
if [ -s "$NOTES" ]; then
  { printf '\n## Notes from this run\n\n'; sed 's/^/- /' "$NOTES"; } | tee -a bench/results.md
fi
printf '\nbench/run.sh took %ds\n' $((SECONDS - START))
