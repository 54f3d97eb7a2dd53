#!/usr/bin/env bash
# searchbytes.sh PUBLIC: gzip bytes the first search query can fetch at most
# on the default language: the search manifest (or the whole index when it
# is not sharded) plus the largest shard.
set -euo pipefail
pub=$1
gz() { gzip -9 -c "$1" | wc -c; }
manifest=$(ls "$pub"/assets/search-*.js 2>/dev/null | grep -v -- '-s-' | head -1)
total=$(gz "$manifest")
largest=0
for f in "$pub"/assets/search-*-s-*.js; do
  [ -f "$f" ] || continue
  n=$(gz "$f")
  [ "$n" -gt "$largest" ] && largest=$n
done
echo $((total + largest))
