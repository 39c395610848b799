#!/usr/bin/env bash
# store_merge.sh -- `dyad merge`: shards coded separately (and overlapping)
# combine into the database one ingest of everything gives; merging again
# adds nothing; a database cannot be merged into itself.
source "$(dirname "$0")/store_lib.bash"

python3 "$GEN" events 600 0 > "$T/s1.jsonl"
python3 "$GEN" events 600 400 > "$T/s2.jsonl"     # overlaps s1 on 400..599
python3 "$GEN" events 500 1000 > "$T/s3.jsonl"
python3 "$GEN" events 50 1200 1 > "$T/s4.jsonl"   # new versions of 50 documents of s3
for i in 1 2 3 4; do
  run ingest -q --db "$T/s$i.db" --events "$T/s$i.jsonl" || fail "ingest shard $i: $(cat "$T/err")"
done
run ingest -q --db "$T/all.db" --events "$T/s1.jsonl" "$T/s2.jsonl" "$T/s3.jsonl" "$T/s4.jsonl" \
  || fail "ingest all: $(cat "$T/err")"

run merge --db "$T/m.db" "$T/s1.db" "$T/s2.db" "$T/s3.db" "$T/s4.db" || fail "merge: $(cat "$T/err")"
grep -q "4 databases, 1750 documents read: 1500 new, 50 replaced, 200 unchanged" "$T/err" \
  || fail "merge summary: $(cat "$T/err")"
content "$T/all.db" > "$T/want"
content "$T/m.db" > "$T/got"
cmp -s "$T/want" "$T/got" || { diff "$T/want" "$T/got" | head; fail "merged database differs from one ingest"; }
python3 -c "$ORACLE" "$T/s1.jsonl" "$T/s2.jsonl" "$T/s3.jsonl" "$T/s4.jsonl" > "$T/oracle"
db_events "$T/m.db" > "$T/events" || fail "inconsistent merged export"
cmp -s "$T/oracle" "$T/events" || { diff "$T/oracle" "$T/events" | head; fail "merged events differ from the recomputation"; }
"$DYAD" query --db "$T/m.db" --check > "$T/check" || fail "check: $(cat "$T/check")"

# again: nothing new (s3's old versions of 50 documents replace s4's and
# s4's come back: later inputs win, as they did the first time)
run merge --db "$T/m.db" "$T/s1.db" "$T/s2.db" "$T/s3.db" "$T/s4.db" || fail "merge again: $(cat "$T/err")"
grep -q "1750 documents read: 0 new, 100 replaced, 1650 unchanged" "$T/err" || fail "second merge: $(cat "$T/err")"
content "$T/m.db" > "$T/got2"
cmp -s "$T/want" "$T/got2" || fail "merging again changed the database"
run merge --db "$T/m.db" "$T/s1.db" "$T/s2.db" || fail "merge again: $(cat "$T/err")"
grep -q "1200 documents read: 0 new, 0 replaced, 1200 unchanged; 0 new events, 0 mentions" "$T/err" || fail "third merge: $(cat "$T/err")"

# a merged database merges like any other (shards of shards)
run merge --db "$T/m2.db" "$T/m.db" || fail "merge of a merge: $(cat "$T/err")"
content "$T/m2.db" > "$T/got3"
cmp -s "$T/want" "$T/got3" || fail "merge of a merge differs"

run merge --db "$T/m.db" "$T/m.db"; [ $? -eq 2 ] || fail "merging a database into itself must exit 2"
run merge --db "$T/m.db" "$T/nothere.db"; [ $? -eq 4 ] || fail "a missing input must exit 4"
run merge "$T/s1.db"; [ $? -eq 2 ] || fail "merge without --db must exit 2"
echo "store_merge: ok"
