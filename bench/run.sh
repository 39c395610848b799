#!/bin/sh
# The speed benchmark behind `make bench`: codes the news corpus from
# ../shared (repeated to the size asked for) and prints, all measured in one
# run so that the ratios hold on a noisy machine:
#   - sentences/s, MB/s, events, peak memory, dictionary load time;
#   - where the time goes, stage by stage (dyad code --profile);
#   - the ratio to `wc -w` over the same file (the floor: reading the bytes);
#   - thread scaling (--threads 2 against 1) and that the output is the same,
#     and one thread pinned to each of the first two CPUs (taskset), since
#     the CPUs of a shared machine need not be equally fast;
#   - the same figures per corpus source.
# It is a measurement, not a test: it exits 0 whatever the figures.
#
# Usage: bench/run.sh DYAD_BINARY [SHARED_DIR]
# Environment: BENCH_COPIES (default 1) repeats the corpus; BENCH_RUNS
# (default 3) rounds of timings, each keeping its best; BENCH_QUICK=1 runs each
# once on a quarter of the corpus; BENCH_OUT names the results file
# (default build/bench-results.txt).
set -eu

dyad=${1:?usage: bench/run.sh DYAD_BINARY [SHARED_DIR]}
shared=${2:-../shared}
corpus=$shared/corpora/news.jsonl.gz
[ -x "$dyad" ] || { echo "bench: $dyad is not executable" >&2; exit 2; }
[ -f "$corpus" ] || { echo "bench: $corpus not found (the benchmark needs ../shared)" >&2; exit 0; }

copies=${BENCH_COPIES:-1}
runs=${BENCH_RUNS:-3}
quick=${BENCH_QUICK:-0}
out=${BENCH_OUT:-$(dirname "$dyad")/bench-results.txt}
if [ "$quick" = 1 ]; then runs=1; fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
input=$tmp/news.jsonl

i=0
while [ "$i" -lt "$copies" ]; do
  if [ "$quick" = 1 ]; then
    zcat "$corpus" | awk 'NR % 4 == 0'
  else
    zcat "$corpus"
  fi
  i=$((i + 1))
done > "$input"

now() { date +%s.%N; }

# wall time of one run of a command (stdout to /dev/null)
# (a run that fails is counted in $tmp/failed: its time would be a lie)
timed() {
  t0=$(now)
  "$@" > /dev/null 2>&1 || echo "$*" >> "$tmp/failed"
  t1=$(now)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }'
}
# the smaller of a kept best ($1, may be empty) and a new time ($2)
lesser() {
  if [ -z "$1" ] || awk -v t="$2" -v b="$1" 'BEGIN { exit !(t < b) }'; then echo "$2"; else echo "$1"; fi
}
# best wall time of $runs runs of a command
best() {
  b=""
  r=0
  while [ "$r" -lt "$runs" ]; do
    b=$(lesser "$b" "$(timed "$@")")
    r=$((r + 1))
  done
  echo "$b"
}

bytes=$(wc -c < "$input" | tr -d ' ')
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
echo "bench: $mb MB of JSON Lines ($copies x corpus$( [ "$quick" = 1 ] && echo ', quick: a quarter' )), best of $runs run(s) each"

# The timings that make the ratios run in rounds, one of each per round, and
# each keeps its best: the speed of a shared machine drifts over minutes,
# and a ratio of two times taken minutes apart would measure the drift.
# Each round also gives its own two-thread ratio, from a one-thread and a
# two-thread run taken back to back: the median of those is less at the
# mercy of one lucky one-thread run than the ratio of the two bests (a
# two-thread run needs both cores, so anything else running on the machine
# slows it more than a one-thread run).
t_wc="" t_empty="" t_one="" t_two="" pair_ratios="" t_cpu0="" t_cpu1="" w_cpu0="" w_cpu1=""
# One thread pinned to each of the first two CPUs: a shared machine's CPUs
# need not be equally fast (a busy neighbour on one of them), and two
# threads can at best do what the two CPUs do together.
pin=0
if command -v taskset > /dev/null 2>&1 && [ "$(nproc)" -ge 2 ] &&
   taskset -c 1 true > /dev/null 2>&1; then
  pin=1
fi
r=0
while [ "$r" -lt "$runs" ]; do
  if [ "$pin" = 1 ]; then
    t_cpu0=$(lesser "$t_cpu0" "$(timed taskset -c 0 "$dyad" code -q "$input")")
    t_cpu1=$(lesser "$t_cpu1" "$(timed taskset -c 1 "$dyad" code -q "$input")")
    w_cpu0=$(lesser "$w_cpu0" "$(timed taskset -c 0 wc -w "$input")")
    w_cpu1=$(lesser "$w_cpu1" "$(timed taskset -c 1 wc -w "$input")")
  fi
  t_wc=$(lesser "$t_wc" "$(timed wc -w "$input")")
  t_empty=$(lesser "$t_empty" "$(timed sh -c "printf '' | '$dyad' code -q")")
  o=$(timed "$dyad" code -q "$input")
  w2=$(timed "$dyad" code -q --threads 2 "$input")
  t_one=$(lesser "$t_one" "$o")
  t_two=$(lesser "$t_two" "$w2")
  pair_ratios="$pair_ratios $(awk -v a="$o" -v b="$w2" 'BEGIN { printf "%.3f", a / b }')"
  r=$((r + 1))
done
pair_median=$(echo "$pair_ratios" | tr ' ' '\n' | grep . | sort -n |
  awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.2f", v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
pair_list=$(echo "$pair_ratios" | sed 's/^ //')

"$dyad" code --profile "$input" > "$tmp/one.jsonl" 2> "$tmp/profile.txt" || true
"$dyad" code --threads 2 -q "$input" > "$tmp/two.jsonl" 2>/dev/null || true
same=no
cmp -s "$tmp/one.jsonl" "$tmp/two.jsonl" && same=yes

summary=$(grep '^dyad: [0-9]* documents' "$tmp/profile.txt" | tail -n 1)
sentences=$(echo "$summary" | awk '{ print $4 }')
events=$(echo "$summary" | awk '{ print $6 }')
textmb=$(grep 'profile: .* MB of text' "$tmp/profile.txt" | sed 's/.*tokens, \([0-9.]*\) MB.*/\1/')
rss=$(grep 'profile: peak memory' "$tmp/profile.txt" | awk '{ print $5 }')
load=$(grep 'dictionaries loaded in' "$tmp/profile.txt" | awk '{ print $6 }')

{
  echo "dyad benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(uname -m), $(nproc) cores"
  echo "input: $mb MB JSON Lines, $textmb MB of article text, $sentences sentences"
  awk -v w="$t_wc" -v e="$t_empty" -v one="$t_one" -v two="$t_two" -v s="$sentences" \
      -v b="$bytes" -v ev="$events" -v rss="$rss" -v load="$load" -v same="$same" \
      -v pl="$pair_list" -v pm="$pair_median" -v c0="$t_cpu0" -v c1="$t_cpu1" -v wc0="$w_cpu0" -v wc1="$w_cpu1" 'BEGIN {
    printf "wc -w:               %8.3f s\n", w
    printf "dyad code, 1 thread: %8.3f s  (%.0f sentences/s, %.1f MB/s, %s events)\n", one, s / one, b / one / 1e6, ev
    printf "dyad code, 2 threads:%8.3f s  (%.0f sentences/s; %.2fx one thread; same output: %s)\n", two, s / two, one / two, same
    printf "two threads, per round: %sx (median %sx)\n", pl, pm
    if (c0 != "" && c1 != "") {
      both = 1 / (1 / c0 + 1 / c1)
      printf "one thread pinned to CPU 0 / CPU 1: %.3f / %.3f s (the slower takes %.2fx as long); two threads: %.0f%% of what the two CPUs can do together (%.3f s)\n", c0, c1, (c0 > c1 ? c0 / c1 : c1 / c0), 100 * both / two, both
      printf "ratio to wc -w on the same CPU: %.1f x (CPU 0)   %.1f x (CPU 1)\n", c0 / wc0, c1 / wc1
    }
    printf "ratio to wc -w:      %8.1f x  (1 thread)   %.1f x  (2 threads)\n", one / w, two / w
    printf "start-up (load, empty input): %.3f s; dictionaries alone: %s s\n", e, load
    printf "peak memory (1 thread): %s MB\n", rss
  }'
  echo "stages (1 thread, --profile):"
  grep 'dyad: profile:  *[a-z]' "$tmp/profile.txt" | grep -v 'documents,\|peak memory\|loaded in' | sed 's/^dyad: profile:/ /'
  echo "per source (1 thread):"
  for src in "Reuters-21578" "BBC News" "InSight Crime" "South Asia Terrorism Portal" "English Wikinews"; do
    grep -F "\"source\": \"$src" "$input" > "$tmp/src.jsonl" || true
    n=$(wc -l < "$tmp/src.jsonl" | tr -d ' ')
    [ "$n" -gt 0 ] || continue
    sb=$(wc -c < "$tmp/src.jsonl" | tr -d ' ')
    ts=$(best "$dyad" code -q "$tmp/src.jsonl")
    ss=$("$dyad" code "$tmp/src.jsonl" 2>&1 >/dev/null | awk '/documents,/ { print $4 }' | tail -n 1)
    tw=$(best wc -w "$tmp/src.jsonl")
    awk -v name="$src" -v n="$n" -v t="$ts" -v s="$ss" -v b="$sb" -v w="$tw" 'BEGIN {
      printf "  %-28s %6d docs %7d sentences %7.0f sentences/s %6.1f MB/s  %5.1f x wc -w\n", name, n, s, s / t, b / t / 1e6, t / w }'
  done
  if [ -s "$tmp/failed" ]; then
    echo "WARNING: $(wc -l < "$tmp/failed" | tr -d ' ') timed run(s) failed; the figures above are not to be trusted:"
    sort "$tmp/failed" | uniq -c | sed 's/^/  /'
  fi
} | tee "$out"
echo "bench: results written to $out"
exit 0
