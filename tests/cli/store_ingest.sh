#!/usr/bin/env bash
# store_ingest.sh -- `dyad ingest`: idempotence (the same input twice leaves
# identical rows), replacement of a new version, events deduplicated with
# the right counts (checked against an independent recomputation), bad
# lines reported and skipped, usage errors; documents, text files and
# directories.
source "$(dirname "$0")/store_lib.bash"

# --- coded events: dedup and counts -------------------------------------
python3 "$GEN" events 1500 > "$T/ev.jsonl"
run ingest --db "$T/a.db" --events "$T/ev.jsonl" || fail "ingest --events: $(cat "$T/err")"
grep -q "1500 documents read: 1500 stored (1500 new, 0 replaced)" "$T/err" || fail "summary: $(cat "$T/err")"
python3 -c "$ORACLE" "$T/ev.jsonl" > "$T/want"
db_events "$T/a.db" > "$T/got" || fail "inconsistent export"
cmp -s "$T/want" "$T/got" || { diff "$T/want" "$T/got" | head; fail "events differ from the recomputation"; }
# the synthetic stream repeats events across documents: dedup must show
[ "$(wc -l < "$T/got")" -lt "$(wc -l < "$T/ev.jsonl")" ] || fail "no event was deduplicated"
"$DYAD" query --db "$T/a.db" --check > "$T/check" || fail "check: $(cat "$T/check")"

# --- idempotence ----------------------------------------------------------
content "$T/a.db" > "$T/c1"
run ingest --db "$T/a.db" --events "$T/ev.jsonl" || fail "second ingest: $(cat "$T/err")"
grep -q "1500 documents read: 0 stored (0 new, 0 replaced), 1500 unchanged" "$T/err" || fail "second summary: $(cat "$T/err")"
content "$T/a.db" > "$T/c2"
cmp -s "$T/c1" "$T/c2" || fail "the second ingest changed the database"

# --- a new version of some documents replaces the old -----------------------
python3 "$GEN" events 100 200 1 > "$T/ev2.jsonl"
run ingest --db "$T/a.db" --events "$T/ev2.jsonl" || fail "ingest v2: $(cat "$T/err")"
grep -q "100 stored (0 new, 100 replaced)" "$T/err" || fail "v2 summary: $(cat "$T/err")"
python3 -c "$ORACLE" "$T/ev.jsonl" "$T/ev2.jsonl" > "$T/want"
db_events "$T/a.db" > "$T/got" || fail "inconsistent export after replacement"
cmp -s "$T/want" "$T/got" || { diff "$T/want" "$T/got" | head; fail "events differ after replacement"; }
"$DYAD" query --db "$T/a.db" --check > "$T/check" || fail "check after replacement: $(cat "$T/check")"

# --- outlets: from the id by default, --outlet for all, --no-outlet --------
run ingest -q --db "$T/o1.db" --events --outlet onlyone "$T/ev2.jsonl" || fail "--outlet: $(cat "$T/err")"
[ "$("$DYAD" export --db "$T/o1.db" --format jsonl | python3 -c '
import json, sys
print(max(json.loads(l)["num_sources"] for l in sys.stdin))')" = 1 ] || fail "--outlet: an event has more than one source"
[ "$("$DYAD" query --db "$T/o1.db" --summary | awk '/^outlets/{print $2}')" = 1 ] || fail "--outlet: not one outlet"
run ingest -q --db "$T/o2.db" --events --no-outlet "$T/ev2.jsonl" || fail "--no-outlet: $(cat "$T/err")"
[ "$("$DYAD" query --db "$T/o2.db" --summary | awk '/^outlets/{print $2}')" = 0 ] || fail "--no-outlet: outlets stored"
[ "$("$DYAD" query --db "$T/a.db" --summary | awk '/^outlets/{print $2}')" = 4 ] || fail "the ids' prefixes are 4 outlets"

# --- bad lines: reported with their line, the rest stored, exit 1 ---------
{ python3 "$GEN" events 3 5000; echo '{"doc_id": "broken'; echo '{"doc_id":"nocode-1","source":"RUS"}'; python3 "$GEN" events 2 6000; } > "$T/bad.jsonl"
run ingest --db "$T/b.db" --events "$T/bad.jsonl"; rc=$?
[ $rc -eq 1 ] || fail "bad input: exit $rc, want 1"
grep -q "bad.jsonl:[0-9]*:.*malformed JSON" "$T/err" || fail "no position for the bad line: $(cat "$T/err")"
grep -q "nocode-1" "$T/err" || fail "the event without a code is not reported: $(cat "$T/err")"
[ "$("$DYAD" query --db "$T/b.db" --summary | awk '/^documents/{print $2}')" = 4 ] || fail "want the 4 good documents of bad.jsonl"
# (the document cut by the malformed line is skipped whole: 3 + 2 - 1)

# --- usage errors -----------------------------------------------------------
run ingest "$T/ev.jsonl"; [ $? -eq 2 ] || fail "ingest without --db must exit 2"
run ingest --db "$T/c.db" --batch 0 "$T/ev.jsonl"; [ $? -eq 2 ] || fail "--batch 0 must exit 2"
run query --db "$T/a.db" --by fortnight; [ $? -eq 2 ] || fail "--by fortnight must exit 2"
run query --db "$T/a.db" --dyad RUS; [ $? -eq 2 ] || fail "--dyad RUS must exit 2"
run query --db "$T/a.db" --source 'RUS;--'; [ $? -eq 2 ] || fail "a bad pattern must exit 2"
run query --db "$T/missing.db"; [ $? -eq 4 ] || fail "a missing database must exit 4"
[ ! -e "$T/missing.db" ] || fail "query created a database"
echo "not a database" > "$T/junk.db"
run ingest --db "$T/junk.db" --events "$T/ev2.jsonl"; [ $? -eq 4 ] || fail "a file that is not a database must exit 4"

# --- documents (the coder's events, whatever they are) -----------------------
python3 "$GEN" docs 400 > "$T/docs.jsonl"
run ingest --db "$T/d.db" "$T/docs.jsonl" || fail "ingest docs: $(cat "$T/err")"
grep -q "400 documents read: 400 stored (400 new" "$T/err" || fail "docs summary: $(cat "$T/err")"
content "$T/d.db" > "$T/d1"
"$DYAD" code "$T/docs.jsonl" 2>"$T/code.err" >/dev/null
sent=$(sed -n 's/.* \([0-9]*\) sentences.*/\1/p' "$T/code.err")
grep -q "; $sent sentences and" "$T/err" || fail "ingest and code disagree on sentences: $(cat "$T/err") / $(cat "$T/code.err")"
run ingest --db "$T/d.db" "$T/docs.jsonl" || fail "ingest docs again: $(cat "$T/err")"
grep -q "400 unchanged" "$T/err" || fail "docs not skipped: $(cat "$T/err")"
grep -q "; 0 sentences and 0 events coded" "$T/err" || fail "unchanged documents were coded again: $(cat "$T/err")"
content "$T/d.db" > "$T/d2"
cmp -s "$T/d1" "$T/d2" || fail "the second docs ingest changed the database"
# --keep-text stores the texts; a document's date survives
run ingest -q --db "$T/k.db" --keep-text "$T/docs.jsonl" || fail "--keep-text: $(cat "$T/err")"
python3 - "$T/k.db" "$T/docs.jsonl" <<'PY' || fail "--keep-text did not keep the texts and dates"
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
got = {r[0]: (r[1], r[2]) for r in db.execute("SELECT doc_id, text, date FROM documents")}
for line in open(sys.argv[2]):
    d = json.loads(line)
    assert got[d["id"]] == (d["text"], int(d["date"].replace("-", ""))), d["id"]
PY
# stdin, and the same documents under --force: replaced, same content
run ingest --db "$T/d.db" --force < "$T/docs.jsonl" || fail "ingest --force: $(cat "$T/err")"
grep -q "400 stored (0 new, 400 replaced)" "$T/err" || fail "--force summary: $(cat "$T/err")"
content "$T/d.db" > "$T/d3"
cmp -s "$T/d1" "$T/d3" || fail "--force changed the content"
"$DYAD" query --db "$T/d.db" --check > "$T/check" || fail "check docs: $(cat "$T/check")"

# --- directories: walked in name order for JSON Lines files ---------------
mkdir -p "$T/jdir/sub" "$T/jdir/.hidden"
python3 "$GEN" docs 7 2000 > "$T/jdir/b.jsonl"
python3 "$GEN" docs 5 3000 > "$T/jdir/sub/a.ndjson"
python3 "$GEN" docs 9 4000 > "$T/jdir/.hidden/c.jsonl"
printf 'not an input\n' > "$T/jdir/notes.md"
run ingest --db "$T/j.db" --format jsonl "$T/jdir" || fail "ingest a directory: $(cat "$T/err")"
grep -q "12 documents read: 12 stored" "$T/err" || fail "directory summary: $(cat "$T/err")"

# --- text files and directories (needs the reader's text mode) -------------
mkdir -p "$T/dir/sub"
printf 'The first article has one sentence.\n' > "$T/dir/a.txt"
printf 'The second article. It has two sentences.\n' > "$T/dir/sub/b.txt"
python3 "$GEN" docs 5 1000 > "$T/dir/sub/more.jsonl"
printf 'ignored\n' > "$T/dir/notes.md"
if "$DYAD" code --text "$T/dir/a.txt" 2>&1 >/dev/null | grep -q "^dyad: 1 documents"; then
  run ingest --db "$T/t.db" "$T/dir" || fail "ingest a directory: $(cat "$T/err")"
  grep -q "7 documents read: 7 stored" "$T/err" || fail "directory summary: $(cat "$T/err")"
  run ingest --db "$T/t.db" "$T/dir" || fail "ingest a directory again: $(cat "$T/err")"
  grep -q "7 unchanged" "$T/err" || fail "directory not idempotent: $(cat "$T/err")"
else
  echo "SKIP: text files and directories (the reader has no text mode yet)"
fi
echo "store_ingest: ok"
