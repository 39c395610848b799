#!/bin/sh
# The seed article (../shared/seed/seed.jsonl, read at run time, never
# copied here): a scraped page about a Russia-China meeting with the usual
# mess (breadcrumb, a paragraph pasted twice, a stray line of Chinese, glued
# sentences, a footer). Checks what its README asks of a coder:
#   - the cooperation between Russia and China is coded (intent 03, praise
#     05, consultation 04, military cooperation 0312/062), each once;
#   - nothing between Russia and China is conflict (roots 09-20);
#   - the repeated paragraph does not double the events: no two lines share
#     (code, source, target, date).
# Usage: tests/shared/seed.sh DYAD SHARED_DIR
set -eu
dyad=${1:?usage: seed.sh DYAD SHARED_DIR}
shared=${2:?usage: seed.sh DYAD SHARED_DIR}
seed=$shared/seed/seed.jsonl
[ -f "$seed" ] || { echo "seed: $seed not found" >&2; exit 2; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT INT TERM
"$dyad" code -q "$seed" > "$out"
python3 - "$out" <<'PY'
import json, sys
evs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
pair = lambda e: {e["source"][:3], e["target"][:3]} == {"RUS", "CHN"}
fails = []
keys = [(e["code"], e["source"], e["target"], e.get("date")) for e in evs]
dups = {k for k in keys if keys.count(k) > 1}
if dups:
    fails.append("the same event twice: %s" % sorted(dups))
conflict = [e for e in evs if pair(e) and int(e["code"][:2]) >= 9]
if conflict:
    fails.append("conflict between Russia and China: %s" %
                 [(e["code"], e["source"], e["target"], e["verb_text"]) for e in conflict])
roots = {e["code"][:2] for e in evs if pair(e)}
for want, what in (("03", "intent to cooperate"), ("05", "praise"), ("04", "consultation")):
    if want not in roots:
        fails.append("no %s (%s) between Russia and China" % (want, what))
if not any(pair(e) and (e["code"].startswith("0312") or e["code"].startswith("06")) for e in evs):
    fails.append("no military cooperation (0312 or 06x) between Russia and China")
print("seed: %d events, %d between Russia and China" % (len(evs), sum(map(pair, evs))))
for f in fails:
    print("seed: FAIL " + f)
sys.exit(1 if fails else 0)
PY
