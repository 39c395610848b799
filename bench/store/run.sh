#!/usr/bin/env bash
# bench/store/run.sh -- figures for the event store.
#
#   bench/store/run.sh DYAD [SHARED]
#
# 1. ingest vs code: `dyad code` and `dyad ingest` (into a new database) on
#    the same documents: the corpus in SHARED/corpora/news.jsonl.gz when
#    there, else made-up documents; then ingest again (all unchanged: what a
#    resumed run pays for what it skips).
# 2. store writes alone: EVENTS synthetic coded events (gen.py) through
#    `dyad ingest --events`, events/s and bytes per event.
# 3. queries on that database: a dyad by month (the analyst's question),
#    top dyads, an actor by year, full text, everything by month.
#
# Environment: EVENTS (default 3000000), BENCH_DIR (work directory, default
# $TMPDIR/dyad-bench-store; the events database is kept there and reused
# when it has the same EVENTS). Prints its figures; exits 0 unless a
# command fails. Timing is wall clock on a machine that may be shared:
# read the figures as indications, run twice when in doubt.
set -eu
DYAD=${1:?usage: bench/store/run.sh DYAD [SHARED]}
SHARED=${2:-}
HERE=$(cd "$(dirname "$0")" && pwd)
EVENTS=${EVENTS:-3000000}
W=${BENCH_DIR:-${TMPDIR:-/tmp}/dyad-bench-store}
mkdir -p "$W"

now_ns() { date +%s%N; }
secs() { python3 -c "print('%.3f' % (($2 - $1) / 1e9))"; }
rate() { python3 -c "print('%.0f' % ($1 / max($2, 1e-9)))"; }

echo "== dyad store benchmark ($("$DYAD" version), $(nproc) cores)"

# ---------------------------------------------------------- 1. ingest vs code
docs="$W/docs.jsonl"
if [ -n "$SHARED" ] && [ -f "$SHARED/corpora/news.jsonl.gz" ]; then
  what="corpus news.jsonl.gz"
  zcat "$SHARED/corpora/news.jsonl.gz" > "$docs"
else
  what="made-up documents"
  python3 - "$docs" <<'PY'
import json, random, sys
rnd = random.Random(7)
who = ["Russia", "China", "the United States", "Ukraine", "Iran", "the United Nations",
       "President Putin", "Chinese troops", "the European Union", "police"]
did = ["held talks with", "criticised", "signed an agreement with", "threatened",
       "sent aid to", "accused", "met", "imposed sanctions on", "praised", "attacked"]
with open(sys.argv[1], "w") as f:
    for i in range(20000):
        sents = ["%s %s %s on %s." % (rnd.choice(who).capitalize(), rnd.choice(did), rnd.choice(who),
                 rnd.choice(["Monday", "Tuesday", "Friday"])) for _ in range(rnd.randrange(3, 15))]
        f.write(json.dumps({"id": "made-%d" % i, "date": "2023-%02d-%02d" % (1 + i % 12, 1 + i % 28),
                            "text": " ".join(sents)}) + "\n")
PY
fi
ndocs=$(wc -l < "$docs")
echo "-- ingest vs code on $what ($ndocs documents, $(($(stat -c %s "$docs") / 1048576)) MiB)"
t0=$(now_ns)
"$DYAD" code "$docs" > /dev/null 2> "$W/code.err" || true
t1=$(now_ns)
rm -f "$W/ingest.db" "$W/ingest.db-wal" "$W/ingest.db-shm"
"$DYAD" ingest --db "$W/ingest.db" "$docs" 2> "$W/ingest.err" || true
t2=$(now_ns)
"$DYAD" ingest --db "$W/ingest.db" "$docs" 2> "$W/ingest2.err" || true
t3=$(now_ns)
code_s=$(secs "$t0" "$t1")
ingest_s=$(secs "$t1" "$t2")
again_s=$(secs "$t2" "$t3")
echo "code:          $code_s s  ($(tail -1 "$W/code.err" | sed 's/^dyad: //'))"
echo "ingest:        $ingest_s s  ($(grep -o '[0-9]* new events, [0-9]* mentions' "$W/ingest.err" | head -1))"
echo "ingest/code:   $(python3 -c "print('%.2f' % ($ingest_s / max($code_s, 1e-9)))")"
echo "ingest again:  $again_s s  (every document unchanged: read, hashed, looked up, skipped)"
echo "database:      $(($(stat -c %s "$W/ingest.db") / 1024)) KiB"

# ---------------------------------------------------- 2. store writes alone
big="$W/events.db"
if [ -f "$big" ] && [ "$(cat "$big.events" 2>/dev/null)" = "$EVENTS" ]; then
  echo "-- store writes: reusing $big ($EVENTS synthetic events; delete it to measure again)"
else
  rm -f "$big" "$big-wal" "$big-shm" "$big.events"
  echo "-- store writes: $EVENTS synthetic coded events through ingest --events"
  t0=$(now_ns)
  python3 "$HERE/gen.py" "$EVENTS" | "$DYAD" ingest --db "$big" --events --batch 5000 - 2> "$W/events.err"
  t1=$(now_ns)
  s=$(secs "$t0" "$t1")
  echo "ingest --events: $s s, $(rate "$EVENTS" "$s") events/s (generator, JSON parsing and writes; 2 processes)"
  tail -2 "$W/events.err" | sed 's/^/  /'
  echo "$EVENTS" > "$big.events"
fi
nev=$("$DYAD" query --db "$big" --summary | awk '/^events/{print $2}')
nm=$("$DYAD" query --db "$big" --summary | awk '/^mentions/{print $2}')
size=$(stat -c %s "$big")
echo "database:      $((size / 1048576)) MiB, $nev events, $nm mentions, $(python3 -c "print('%.0f' % ($size / max($nm, 1)))") bytes per mention"

# ------------------------------------------------------------------ 3. queries
echo "-- queries on $nev events (best of 3, wall clock, including process start)"
q() {
  local label=$1
  shift
  local best=""
  for _ in 1 2 3; do
    local a b
    a=$(now_ns)
    "$DYAD" query --db "$big" "$@" > "$W/q.out"
    b=$(now_ns)
    local d=$(((b - a) / 1000000))
    if [ -z "$best" ] || [ "$d" -lt "$best" ]; then best=$d; fi
  done
  printf '%-44s %6d ms  %5d rows\n' "$label" "$best" "$(($(wc -l < "$W/q.out") - 1))"
}
q "--dyad RUS,CHN --by month --format csv" --dyad RUS,CHN --by month --format csv
q "--dyad =RUSGOV,=CHNGOV --by month" --dyad =RUSGOV,=CHNGOV --by month --format csv
q "--dyad USA,IRN --by week,quad" --dyad USA,IRN --by week,quad --format csv
q "--actor UKR --since 2022-02-24 --by month" --actor UKR --since 2022-02-24 --by month --format csv
q "--source CHN --code 19 --by year" --source CHN --code 19 --by year --format csv
q "--by dyad --depth 1 --sort events --limit 10" --by dyad --depth 1 --sort events --limit 10 --format csv
q "--text \"RUS did 0312\" --by year" --text "RUS did 0312" --by year --format csv
q "--by month (every event)" --by month --format csv
echo "== done"
