#!/usr/bin/env bash
# store_kill.sh -- kill -9 `dyad ingest` at random moments, many times, and
# check after every kill that the database is consistent and holds whole
# documents only; each run resumes the last; whenever a run gets to the end,
# its database must equal one built without interruption.
#   coded events (--events): 25 kills; documents (through the coder): 10.
source "$(dirname "$0")/store_lib.bash"

KILLS_EVENTS=${STORE_KILLS_EVENTS:-25}
KILLS_DOCS=${STORE_KILLS_DOCS:-10}

# Less input for a sanitizer build (slower): the kills are what count.
n=4000
if grep -q __asan_init "$DYAD" 2>/dev/null; then n=1500; fi
python3 "$GEN" events $n > "$T/ev.jsonl"
# a hundred and fifty documents come again with new content (replacements)
python3 "$GEN" events 150 500 1 >> "$T/ev.jsonl"
python3 "$GEN" docs $((n * 3 / 2)) > "$T/docs.jsonl"

# The number of event lines of each document's last version, to check
# that a stored document has all of its mentions (and no more).
python3 - "$T/ev.jsonl" > "$T/want_counts" <<'PY'
import json, sys
last, counts, cur = {}, {}, None
for line in open(sys.argv[1]):
    d = json.loads(line)["doc_id"]
    if d != cur:
        cur = d
        counts[d] = counts.get(d, [])
        counts[d].append(0)
    counts[d][-1] += 1
for d, versions in counts.items():
    print(d, " ".join(map(str, versions)))
PY

# Every stored document has the mentions of one of its versions.
whole_documents() {
  python3 - "$1" "$T/want_counts" <<'PY'
import sqlite3, sys
want = {}
for line in open(sys.argv[2]):
    d, *v = line.split()
    want[d] = set(int(x) for x in v)
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
rows = db.execute("SELECT d.doc_id, d.events, (SELECT count(*) FROM mentions m WHERE m.doc=d.id) FROM documents d").fetchall()
for doc, events, mentions in rows:
    if events != mentions or mentions not in want[doc]:
        sys.exit("document %s: %d mentions, %d events, want one of %s" % (doc, mentions, events, sorted(want[doc])))
PY
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# kill_loop MODE KILLS ARGS...: the loop described above.
kill_loop() {
  local mode=$1 want_kills=$2
  shift 2
  local ref="$T/ref-$mode.db" db="$T/k-$mode.db"
  local t0 span kills=0 completions=0 rounds=0 st ms
  t0=$(now_ms)
  "$DYAD" ingest -q --db "$ref" "$@" || fail "$mode: reference ingest failed"
  span=$(($(now_ms) - t0 + 50)) # ms
  RANDOM=$((4242 + ${#mode}))
  content "$ref" > "$T/ref-$mode.txt"
  while [ $kills -lt "$want_kills" ]; do
    rounds=$((rounds + 1))
    [ $rounds -lt 1000 ] || fail "$mode: too many rounds"
    ms=$((RANDOM * span * 6 / 10 / 32768)) # resumed runs have less to do
    "$DYAD" ingest -q --db "$db" "$@" 2>>"$T/ingest-$mode.err" &
    local pid=$!
    sleep "$((ms / 1000)).$(printf %03d $((ms % 1000)))"
    kill -9 $pid 2>/dev/null
    { wait $pid; } 2>/dev/null
    st=$?
    if [ $st -eq 137 ]; then
      kills=$((kills + 1))
      [ -e "$db" ] || continue # killed before it created the file
      "$DYAD" query --db "$db" --check > "$T/check" || fail "$mode: after kill $kills: $(cat "$T/check")"
      if [ "$mode" = events ]; then whole_documents "$db" || fail "$mode: after kill $kills"; fi
    elif [ $st -eq 0 ]; then
      completions=$((completions + 1))
      content "$db" > "$T/got.txt"
      cmp -s "$T/ref-$mode.txt" "$T/got.txt" || { diff "$T/ref-$mode.txt" "$T/got.txt" | head -5; fail "$mode: a resumed run ended with another database"; }
      rm -f "$db" "$db-wal" "$db-shm"
    else
      fail "$mode: ingest exited with $st: $(tail -3 "$T/ingest-$mode.err")"
    fi
  done
  "$DYAD" ingest -q --db "$db" "$@" || fail "$mode: the final run failed"
  content "$db" > "$T/got.txt"
  cmp -s "$T/ref-$mode.txt" "$T/got.txt" || { diff "$T/ref-$mode.txt" "$T/got.txt" | head -5; fail "$mode: the final database differs"; }
  echo "store_kill: $mode: $kills kills with kill -9, $completions runs completed, $rounds rounds"
}

# Ctrl-C (SIGINT) is not a kill: ingest finishes its document, commits
# what it read, says so and exits 130; running again completes the job.
rm -f "$T/int.db"*
"$DYAD" ingest --db "$T/int.db" --events --batch 50 "$T/ev.jsonl" 2>"$T/int.err" &
pid=$!
sleep 0.3
kill -INT $pid 2>/dev/null
wait $pid
st=$?
if [ $st -eq 130 ]; then
  grep -q "interrupted: what was read is committed" "$T/int.err" || fail "SIGINT: no word: $(cat "$T/int.err")"
  stored=$(sed -n 's/.* read: \([0-9]*\) stored.*/\1/p' "$T/int.err")
  [ "$("$DYAD" query --db "$T/int.db" --summary | awk '/^documents/{print $2}')" = "$stored" ] \
    || fail "SIGINT: the summary's $stored stored documents are not all in the database"
  "$DYAD" query --db "$T/int.db" --check > "$T/check" || fail "SIGINT: $(cat "$T/check")"
else
  [ $st -eq 0 ] || fail "SIGINT: exit $st: $(cat "$T/int.err")" # finished before the signal
fi
"$DYAD" ingest -q --db "$T/int.db" --events "$T/ev.jsonl" || fail "after SIGINT: the rerun failed"

kill_loop events "$KILLS_EVENTS" --events --batch 50 "$T/ev.jsonl"
kill_loop docs "$KILLS_DOCS" --batch 50 "$T/docs.jsonl"
echo "store_kill: ok"
