#!/usr/bin/env bash
# Rebuilds Tablero's vendored front-end assets from pinned npm packages.
#
#   themes/default/assets/vendor/echarts/echarts-base.min.js   (+ LICENSE, NOTICE, licenses/LICENSE-d3, LICENSE-zrender, LICENSE-tslib)
#   themes/default/assets/vendor/echarts/echarts-full.min.js
#   themes/default/assets/vendor/world/world.min.js            (+ LICENSE-world-atlas; NATURAL-EARTH.md is hand-written)
#   internal/country/countries.json                            (LICENSE-data.md is hand-written)
#   internal/e2e/testdata/axe/axe.min.js                       (+ LICENSE, LICENSE-3RD-PARTY.txt)
#
# Needs node >= 18 and npm, and access to the npm registry (only for `npm ci`).
# The output is deterministic: a second run leaves `git status` clean.
# Usage: themes/default/assets/vendor/build/build.sh   (from any directory)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
vendor="$(dirname "$here")"
root="$(cd "$here/../../../../.." && pwd)"
cd "$here"

# Exact versions from package-lock.json. esbuild's native binary comes from the
# optional dependency @esbuild/<platform>; its postinstall script is not needed.
npm ci --no-audit --no-fund --ignore-scripts

nm="$here/node_modules"
esbuild="$nm/.bin/esbuild"
echarts_version="$(node -p 'require("echarts/package.json").version')"

# --- ECharts custom bundles ------------------------------------------------
# IIFE assigned to a top-level `var echarts`, i.e. window.echarts, the same
# global as the official dist/echarts.min.js. process.env.NODE_ENV=production
# strips ECharts' dev-only warnings (as in the official minified build).
# The first line, V8's explicit compile hint `//# allFunctionsCalledOnLoad`
# (Chromium 136+; a plain comment elsewhere), has every function compiled
# with the script while it streams in, off the main thread: a chart's first
# draw otherwise compiles most of ECharts lazily in its own task, on a
# 4x-slowed phone some 750 ms of the main thread (issue 18).
mkdir -p "$vendor/echarts/licenses"
for v in base full; do
  "$esbuild" "entry-$v.js" \
    --bundle --minify --format=iife --global-name=echarts --target=es2018 \
    --define:process.env.NODE_ENV='"production"' \
    --legal-comments=eof --log-level=warning \
    --banner:js="//# allFunctionsCalledOnLoad
/*! Apache ECharts ${echarts_version} (Tablero custom build: ${v}) | Apache-2.0 | https://echarts.apache.org | see LICENSE and NOTICE in this folder */" \
    --outfile="$vendor/echarts/echarts-$v.min.js"
done
cp "$nm/echarts/LICENSE" "$nm/echarts/NOTICE" "$vendor/echarts/"
cp "$nm/echarts/licenses/LICENSE-d3" "$vendor/echarts/licenses/LICENSE-d3"
cp "$nm/zrender/LICENSE" "$vendor/echarts/LICENSE-zrender"
cp "$nm/tslib/LICENSE.txt" "$vendor/echarts/LICENSE-tslib"

# --- World map and country table -------------------------------------------
node world.mjs
cp "$nm/world-atlas/LICENSE" "$vendor/world/LICENSE-world-atlas"

# --- axe-core (tests only) -------------------------------------------------
axe="$root/internal/e2e/testdata/axe"
mkdir -p "$axe"
cp "$nm/axe-core/axe.min.js" "$nm/axe-core/LICENSE" "$nm/axe-core/LICENSE-3RD-PARTY.txt" "$axe/"

# --- Sizes -----------------------------------------------------------------
printf '%-58s %10s %10s\n' file raw gzip-9
for f in "$vendor/echarts/echarts-base.min.js" "$vendor/echarts/echarts-full.min.js" \
         "$vendor/world/world.min.js" "$root/internal/country/countries.json" "$axe/axe.min.js"; do
  printf '%-58s %10d %10d\n' "${f#"$root"/}" "$(wc -c <"$f")" "$(gzip -9 -c "$f" | wc -c)"
done
