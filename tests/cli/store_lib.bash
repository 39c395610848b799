# store_lib.bash -- what the store's command-line tests share (sourced by
# tests/cli/store_*.sh; not a test itself).
#   DYAD      the binary under test (first argument of the test)
#   T         a scratch directory, removed on exit
#   GEN       the synthetic input generator (store_gen.py)
#   fail MSG  print and exit 1
#   oracle    python3 code that recomputes events from an events file

set -u
DYAD=${1:?usage: $0 PATH_TO_DYAD}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
GEN="$HERE/store_gen.py"
T=$(mktemp -d "${TMPDIR:-/tmp}/dyad-cli-store.XXXXXX")
trap 'rm -rf "$T"' EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# Runs dyad with stderr into $T/err; prints nothing; returns its status.
run() {
  "$DYAD" "$@" 2>"$T/err"
}

# The stable content of a database (export without event ids, sorted,
# and the row counts), for comparing two databases built differently.
content() {
  "$DYAD" export --db "$1" --format csv --no-dicts | tail -n +2 | cut -d, -f2- | sort
  "$DYAD" query --db "$1" --summary | grep -v '^database'
}

# python3 -c "$ORACLE" EVENTS_FILE...: the events a correct store holds for
# these inputs (later versions of a document replace earlier ones), one per
# line: date|source|target|code|mentions|articles|sources|quad|goldstein
ORACLE='
import json, sys
docs = {}
order = []
for path in sys.argv[1:]:
    cur = None
    for line in open(path):
        if not line.strip():
            continue
        e = json.loads(line)
        if cur is None or e["doc_id"] != cur[0]:
            cur = (e["doc_id"], [])
            if cur[0] not in docs:
                order.append(cur[0])
            docs[cur[0]] = cur[1]
        cur[1].append(e)
events = {}
for d in order:
    outlet = d.split("-")[0]
    for e in docs[d]:
        key = (e["date"] or "", e["source"], e["target"], e["code"], "" if e["date"] else d)
        v = events.setdefault(key, {"m": 0, "docs": set(), "outlets": set(), "q": e["quad"], "g": e["goldstein"]})
        v["m"] += e.get("mentions", 1)
        v["docs"].add(d)
        v["outlets"].add(outlet)
lines = []
for k, v in events.items():
    lines.append("%s|%s|%s|%s|%d|%d|%d|%d|%.1f" % (k[0], k[1], k[2], k[3], v["m"], len(v["docs"]), len(v["outlets"]), v["q"], v["g"]))
for r in sorted(lines):
    print(r)
'

# The same fields read from a database.
db_events() {
  "$DYAD" export --db "$1" --format jsonl --no-dicts | python3 -c '
import json, sys
rows = []
for line in sys.stdin:
    e = json.loads(line)
    rows.append("%s|%s|%s|%s|%d|%d|%d|%d|%.1f" % (e["date"] or "", e["source"], e["target"], e["code"], e["num_mentions"], e["num_articles"], e["num_sources"], e["quad"], e["goldstein"]))
    if sum(m["count"] for m in e["mentions"]) != e["num_mentions"]:
        sys.exit("mentions of event %d do not add up" % e["event_id"])
    if len({m["doc_id"] for m in e["mentions"]}) != e["num_articles"]:
        sys.exit("articles of event %d do not add up" % e["event_id"])
for r in sorted(rows):
    print(r)
'
}
