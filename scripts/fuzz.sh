#!/bin/sh
# Runs every fuzz target in BUILD_DIR for SECONDS each, starting from the
# seed corpus in fuzz/corpus/<target>/ (inputs it finds go to a scratch copy).
# Usage: scripts/fuzz.sh BUILD_DIR SECONDS
set -eu
build=$1
secs=$2
found=0
for bin in "$build"/fuzz/fuzz_*; do
  [ -x "$bin" ] || continue
  found=1
  name=$(basename "$bin")
  work=$(mktemp -d)
  if [ -d "fuzz/corpus/$name" ]; then cp -r "fuzz/corpus/$name/." "$work/"; fi
  echo "fuzz: $name for ${secs}s"
  "$bin" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
         -print_final_stats=0 "$work" 2>"$work.log" || {
    tail -n 40 "$work.log" >&2
    echo "fuzz: $name found a crash" >&2
    rm -rf "$work"
    exit 1
  }
  grep -E "^(Done|#[0-9]+ *DONE)" "$work.log" | tail -n 1 || true
  rm -rf "$work" "$work.log"
done
[ "$found" -eq 1 ] || { echo "fuzz: no fuzz targets in $build/fuzz" >&2; exit 1; }
