#!/usr/bin/env bash
# store_query.sh -- `dyad query`: the analyst's question ("Russia and China,
# month by month") answered from the store matches a recomputation from the
# input, each event counted once; formats (table, csv, json), groupings,
# filters, --summary and --check.
source "$(dirname "$0")/store_lib.bash"

python3 "$GEN" events 3000 > "$T/ev.jsonl"
run ingest -q --db "$T/q.db" --events "$T/ev.jsonl" || fail "ingest: $(cat "$T/err")"

"$DYAD" query --db "$T/q.db" --dyad RUS,CHN --by month --format csv > "$T/got.csv" || fail "query csv"
# The same numbers from the input: events deduplicated by (date, source,
# target, code), RUS/CHN codes and their sub-codes, both directions.
python3 - "$T/ev.jsonl" "$T/got.csv" <<'PY' || fail "dyad RUS,CHN by month differs from the recomputation"
import csv, json, sys
events = {}
for line in open(sys.argv[1]):
    e = json.loads(line)
    s, t = e["source"], e["target"]
    if not ((s.startswith("RUS") and t.startswith("CHN")) or (s.startswith("CHN") and t.startswith("RUS"))):
        continue
    key = (e["date"], s, t, e["code"])
    v = events.setdefault(key, [0, e["goldstein"], e["quad"]])
    v[0] += e["mentions"]
months = {}
for (date, s, t, code), (m, g, q) in events.items():
    r = months.setdefault(date[:7], [0, 0, 0.0, [0, 0, 0, 0]])
    r[0] += 1; r[1] += m; r[2] += g; r[3][q - 1] += 1
rows = list(csv.DictReader(open(sys.argv[2])))
assert [r["month"] for r in rows] == sorted(months), ([r["month"] for r in rows], sorted(months))
assert sum(int(r["events"]) for r in rows) < sum(1 for _ in open(sys.argv[1])), "nothing deduplicated?"
for r in rows:
    n, m, g, q = months[r["month"]]
    assert int(r["events"]) == n and int(r["mentions"]) == m, (r, n, m)
    assert abs(float(r["goldstein_sum"]) - g) < 0.051 and abs(float(r["goldstein_mean"]) - g / n) < 0.0051
    for k, name in enumerate(["verbal_coop", "material_coop", "verbal_conflict", "material_conflict"]):
        assert abs(float(r[name]) - q[k] / n) < 0.0006, (name, r[name], q[k] / n)
PY

# json: valid, same numbers as csv
"$DYAD" query --db "$T/q.db" --dyad CHN,RUS --by month --format json > "$T/got.json" || fail "query json"
python3 - "$T/got.csv" "$T/got.json" <<'PY' || fail "json and csv disagree"
import csv, json, sys
c = list(csv.DictReader(open(sys.argv[1])))
j = json.load(open(sys.argv[2]))
assert len(c) == len(j) and all(int(a["events"]) == b["events"] and a["month"] == b["month"] for a, b in zip(c, j))
PY

# table: a header and one line per row
"$DYAD" query --db "$T/q.db" --dyad RUS,CHN --by month > "$T/got.txt" || fail "query table"
[ "$(head -1 "$T/got.txt" | awk '{print $1, $2, $3}')" = "month events mentions" ] || fail "table header: $(head -1 "$T/got.txt")"
[ "$(($(wc -l < "$T/got.txt") - 1))" = "$(($(wc -l < "$T/got.csv") - 1))" ] || fail "table and csv row counts differ"

# totals agree whichever way they are cut
total=$("$DYAD" query --db "$T/q.db" --format csv | tail -1 | cut -d, -f1)
[ "$total" = "$("$DYAD" query --db "$T/q.db" --summary | awk '/^events/{print $2}')" ] || fail "total differs from --summary"
for by in day week month year dyad source target code root quad "source,target" "year,quad"; do
  sum=$("$DYAD" query --db "$T/q.db" --by "$by" --format csv | python3 -c '
import csv, sys
print(sum(int(r["events"]) for r in csv.DictReader(sys.stdin)))')
  [ "$sum" = "$total" ] || fail "--by $by: events add up to $sum, not $total"
done
# the actor filters partition: RUS* as source + others = all
rus=$("$DYAD" query --db "$T/q.db" --source RUS --format csv | tail -1 | cut -d, -f1)
exact=$("$DYAD" query --db "$T/q.db" --source =RUS --format csv | tail -1 | cut -d, -f1)
gov=$("$DYAD" query --db "$T/q.db" --source RUSGOV --format csv | tail -1 | cut -d, -f1)
[ "$rus" -eq $((exact + gov)) ] && [ "$gov" -gt 0 ] || fail "RUS ($rus) != =RUS ($exact) + RUSGOV ($gov)"
mil=$("$DYAD" query --db "$T/q.db" --actor '*MIL' --by source,target --depth 1 --format csv | tail -n +2 | wc -l)
[ "$mil" -gt 0 ] || fail "--actor *MIL found nothing"
q4=$("$DYAD" query --db "$T/q.db" --quad 4 --by quad --format csv | tail -n +2 | cut -d, -f1 | sort -u)
[ "$q4" = 4 ] || fail "--quad 4 --by quad: $q4"
# full text over sentences
nt=$("$DYAD" query --db "$T/q.db" --text "Report 17 v0" --format csv | tail -1 | cut -d, -f1)
[ "$nt" -ge 1 ] || fail "--text found nothing"
nd=$("$DYAD" query --db "$T/q.db" --doc paper-17 --format csv | tail -1 | cut -d, -f1)
[ "$nt" = "$nd" ] || fail "--text 'Report 17 v0' ($nt) should find the events of paper-17 ($nd)"
since=$("$DYAD" query --db "$T/q.db" --since 2022-02-01 --format csv | tail -1 | cut -d, -f1)
until=$("$DYAD" query --db "$T/q.db" --until 2022-01-31 --format csv | tail -1 | cut -d, -f1)
[ $((since + until)) = "$total" ] || fail "--since/--until do not split the total"
"$DYAD" query --db "$T/q.db" --check > "$T/check" || fail "check: $(cat "$T/check")"
grep -q "check: ok" "$T/check" || fail "check output: $(cat "$T/check")"
# a damaged count is found by --check
python3 -c 'import sqlite3,sys; db=sqlite3.connect(sys.argv[1]); db.execute("UPDATE events SET num_mentions=num_mentions+1 WHERE id=1"); db.commit()' "$T/q.db"
"$DYAD" query --db "$T/q.db" --check > "$T/check"; [ $? -eq 1 ] || fail "--check missed a damaged count"
grep -q "counts differ" "$T/check" || fail "check report: $(cat "$T/check")"
echo "store_query: ok"
