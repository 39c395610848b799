#!/usr/bin/env bash
# store_export.sh -- `dyad export` and `dyad events`: every format parses,
# GDELT rows have 61 columns with the right fields in the right places,
# PLOVER leaves out CAMEO 01/02, CSV and JSONL agree with the store.
source "$(dirname "$0")/store_lib.bash"

python3 "$GEN" events 400 > "$T/ev.jsonl"
run ingest -q --db "$T/x.db" --events "$T/ev.jsonl" || fail "ingest: $(cat "$T/err")"
nev=$("$DYAD" query --db "$T/x.db" --summary | awk '/^events/{print $2}')
[ "$nev" -gt 100 ] || fail "too few events ($nev)"

"$DYAD" export --db "$T/x.db" --format gdelt > "$T/g.tsv" || fail "export gdelt"
"$DYAD" export --db "$T/x.db" --format plover --no-dicts > "$T/p.jsonl" || fail "export plover"
"$DYAD" export --db "$T/x.db" --format csv -o "$T/c.csv" 2>"$T/err" || fail "export csv: $(cat "$T/err")"
grep -q "$nev events written to" "$T/err" || fail "export -o summary: $(cat "$T/err")"
"$DYAD" export --db "$T/x.db" --format jsonl > "$T/j.jsonl" || fail "export jsonl"

python3 - "$T" "$nev" <<'PY' || fail "export formats"
import csv, json, sys
t, nev = sys.argv[1], int(sys.argv[2])
events = [json.loads(l) for l in open(t + "/j.jsonl")]
assert len(events) == nev, (len(events), nev)
by_id = {e["event_id"]: e for e in events}
for e in events:
    assert sum(m["count"] for m in e["mentions"]) == e["num_mentions"]
    assert len({m["doc_id"] for m in e["mentions"]}) == e["num_articles"]
    assert all(m["sentence_text"] for m in e["mentions"])
rows = [l.rstrip("\n").split("\t") for l in open(t + "/g.tsv")]
assert len(rows) == nev
for r in rows:
    assert len(r) == 61, len(r)
    e = by_id[int(r[0])]
    day = e["date"].replace("-", "") if e["date"] else ""
    assert r[1] == day and r[2] == day[:6] and r[3] == day[:4]
    assert r[5] == e["source"] and r[15] == e["target"]
    src = e["source"]
    if src in ("RUS", "CHN", "USA", "IRN", "UKR"):
        assert r[7] == src and r[12] == ""
    if src == "RUSGOV":
        assert r[7] == "RUS" and r[12] == "GOV"
    if src == "IGOUNO":
        assert r[7] == "" and r[8] == "UNO" and r[12] == "IGO"
    assert r[26] == e["code"] and r[27] == e["code"][:3] and r[28] == e["root"]
    assert int(r[29]) == e["quad"] and float(r[30]) == e["goldstein"]
    assert int(r[31]) == e["num_mentions"] and int(r[32]) == e["num_sources"] and int(r[33]) == e["num_articles"]
    assert len(r[59]) == 14 and r[59].isdigit()
    assert r[60] in {m["doc_id"] for m in e["mentions"]}
pl = [json.loads(l) for l in open(t + "/p.jsonl")]
assert len(pl) == sum(1 for e in events if e["plover"]) and len(pl) < nev
for p in pl:
    e = by_id[int(p["id"].split("-")[1])]
    assert p["event_type"] == e["plover"] and p["cameo"] == e["code"]
    assert p["actors"][0]["code"] == e["source"] and p["recipients"][0]["code"] == e["target"]
with open(t + "/c.csv", newline="") as f:
    c = list(csv.reader(f))
assert len(c) == nev + 1 and len(c[0]) == 24 and all(len(r) == 24 for r in c)
PY

# filters apply to exports and listings
"$DYAD" export --db "$T/x.db" --format csv --quad 4 | tail -n +2 | cut -d, -f7 | sort -u > "$T/q"
[ "$(cat "$T/q")" = 4 ] || fail "export --quad 4 has other quads: $(cat "$T/q")"
"$DYAD" events --db "$T/x.db" --limit 3 > "$T/ev.txt" || fail "events"
[ "$(grep -c '^#' "$T/ev.txt")" = 3 ] || fail "events --limit 3: $(cat "$T/ev.txt")"
grep -q "sentence [0-9]*: Report" "$T/ev.txt" || fail "events shows no sentence"
"$DYAD" events --db "$T/x.db" --limit 0 --format jsonl | wc -l > "$T/n"
[ "$(cat "$T/n")" = "$nev" ] || fail "events --limit 0 --format jsonl: $(cat "$T/n") of $nev"
top=$("$DYAD" events --db "$T/x.db" --sort mentions --limit 1 --format jsonl | python3 -c 'import json,sys; print(json.load(sys.stdin)["num_mentions"])')
max=$(python3 -c 'import json,sys; print(max(json.loads(l)["num_mentions"] for l in open(sys.argv[1])))' "$T/j.jsonl")
[ "$top" = "$max" ] || fail "events --sort mentions: first has $top, the most is $max"
run export --db "$T/x.db" --format xml; [ $? -eq 2 ] || fail "--format xml must exit 2"
run export --db "$T/x.db"; [ $? -eq 2 ] || fail "export without --format must exit 2"
echo "store_export: ok"
