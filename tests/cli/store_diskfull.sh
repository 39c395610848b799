#!/usr/bin/env bash
# store_diskfull.sh -- a write that fails (the file size limit of `ulimit -f`
# standing in for a full disk) stops `dyad ingest` with exit 4 and a clear
# message, and loses nothing committed: the database stays consistent with
# everything stored before, and the same command run again completes it.
source "$(dirname "$0")/store_lib.bash"

python3 "$GEN" events 1500 0 > "$T/a.jsonl"
python3 "$GEN" events 6000 1500 > "$T/b.jsonl"
run ingest -q --db "$T/base.db" --events "$T/a.jsonl" || fail "ingest a: $(cat "$T/err")"
cp "$T/base.db" "$T/f.db"
kb=$(( $(stat -c %s "$T/base.db") / 1024 ))
limit=$((kb + 128))

( ulimit -f $limit; exec "$DYAD" ingest --db "$T/f.db" --events --batch 200 "$T/b.jsonl" ) 2>"$T/err"
rc=$?
[ $rc -eq 4 ] || fail "a failed write must exit 4, not $rc: $(cat "$T/err")"
grep -q "dyad: error: .*f.db: .*a write failed" "$T/err" || fail "no clear message: $(cat "$T/err")"
grep -q "everything committed before is intact" "$T/err" || fail "no word on what was kept: $(cat "$T/err")"

"$DYAD" query --db "$T/f.db" --check > "$T/check" || fail "check after the failure: $(cat "$T/check")"
python3 - "$T/base.db" "$T/f.db" <<'PY' || fail "committed documents were lost"
import sqlite3, sys
def docs(p):
    db = sqlite3.connect("file:%s?mode=ro" % p, uri=True)
    return set(db.execute("SELECT doc_id, hash, events FROM documents"))
base, after = docs(sys.argv[1]), docs(sys.argv[2])
missing = base - after
if missing:
    sys.exit("%d documents of the base are gone" % len(missing))
PY

# run again without the limit: it resumes and ends where one run would
run ingest -q --db "$T/f.db" --events --batch 200 "$T/b.jsonl" || fail "resume: $(cat "$T/err")"
run ingest -q --db "$T/clean.db" --events "$T/a.jsonl" "$T/b.jsonl" || fail "clean: $(cat "$T/err")"
content "$T/clean.db" > "$T/want"
content "$T/f.db" > "$T/got"
cmp -s "$T/want" "$T/got" || { diff "$T/want" "$T/got" | head; fail "resumed database differs"; }
echo "store_diskfull: ok"
