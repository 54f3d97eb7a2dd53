#!/usr/bin/env bash
# searchbytes.sh PUBLIC: gzip bytes a one-word first search query fetches
# at most on the default language: the search manifest (or the whole index
# when it is not sharded), plus, when it is, the largest shard and the
# largest script of titles (the results shown may need up to 8 of those;
# one is the usual case, the entries being numbered in menu order).
set -euo pipefail
pub=$1
gz() { gzip -9 -c "$1" | wc -c; }
largest() { # PATTERN
  local best=0 n f
  for f in $1; do
    [ -f "$f" ] || continue
    n=$(gz "$f")
    [ "$n" -gt "$best" ] && best=$n
  done
  echo "$best"
}
manifest=$(ls "$pub"/assets/search-*.js | grep -v -- '-[sd]-[0-9]' | head -1)
echo $(( $(gz "$manifest") + $(largest "$pub/assets/search-*-s-*.js") + $(largest "$pub/assets/search-*-d-*.js") ))
