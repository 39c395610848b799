#!/bin/sh
# shellcheck disable=SC2016  # awk programs in single quotes, on purpose
# demo.sh -- what `make demo` runs: codes the bundled sample articles
# (sample/articles.jsonl) and prints what dyad found in them.
#
# Usage: scripts/demo.sh PATH_TO_DYAD
#
# With a working event store (`dyad query --help` exits 0) it ingests the
# sample into a throw-away SQLite database, prints the busiest dyads and a
# few stored events. Otherwise it runs `dyad code` and summarises the JSON
# Lines events itself: the number of events, the first ones on one line each,
# and the busiest source-target pairs with their cooperation/conflict shares
# (QuadClass 1-2 cooperation, 3-4 conflict), using sed/awk/sort only (no
# python, no jq: a fresh Debian machine has no jq).
#
# Environment:
#   DEMO_EVENTS=FILE  summarise FILE (events as `dyad code` writes them)
#                     instead of running the coder; PATH_TO_DYAD is then optional
#   DEMO_TOP=N        how many dyads to list [15]
#   DEMO_FIRST=N      how many events to list [10]
#
# Exit status: 0 ok; 2 usage; otherwise dyad's own exit status when it failed
# (1 when some input was bad: reported, the rest was still summarised).
# Owns nothing else: it writes only to a temporary directory it removes.
set -eu

prog=demo.sh
die() { echo "$prog: $*" >&2; exit 2; }

# ---- arguments and paths --------------------------------------------------
top=${DEMO_TOP:-15}
first=${DEMO_FIRST:-10}
case $top in '' | *[!0-9]*) die "DEMO_TOP must be a number, not '$top'" ;; esac
case $first in '' | *[!0-9]*) die "DEMO_FIRST must be a number, not '$first'" ;; esac

events_file=${DEMO_EVENTS:-}
if [ $# -gt 1 ]; then
  die "usage: scripts/demo.sh PATH_TO_DYAD   (or DEMO_EVENTS=FILE scripts/demo.sh)"
fi
dyad=${1:-}
if [ -z "$dyad" ] && [ -z "$events_file" ]; then
  die "usage: scripts/demo.sh PATH_TO_DYAD   (or DEMO_EVENTS=FILE scripts/demo.sh)"
fi
if [ -n "$dyad" ]; then
  case $dyad in
    */*) ;;                                   # a path: relative to the caller's directory
    *) dyad=$(command -v -- "$dyad" || true) ;; # a bare name: look it up in PATH
  esac
  if [ -z "$dyad" ] || [ ! -f "$dyad" ] || [ ! -x "$dyad" ]; then
    die "'${1:-}' is not an executable dyad binary (build it first: make build)"
  fi
  case $dyad in /*) ;; *) dyad=$(pwd)/$dyad ;; esac
fi
if [ -n "$events_file" ]; then
  if [ ! -f "$events_file" ] || [ ! -r "$events_file" ]; then
    die "DEMO_EVENTS: cannot read '$events_file'"
  fi
fi

# The repository is the parent of this script's directory, wherever we are called from.
root=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
sample=$root/sample/articles.jsonl
[ -n "$events_file" ] || [ -r "$sample" ] || die "the sample is missing: $sample"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/dyad-demo.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- the awk programs -----------------------------------------------------
# (Single-quoted on purpose: the shell must not expand their $0, $1, ...)
# jget(line, key): the value of "key" in one flat JSON object line, as text
# (strings unescaped, numbers as written, null as ""). A key is only found
# where it stands as a key: inside string values every '"' is escaped, so
# '"key":' cannot occur there.
awk_lib='
function jget(line, key,    i, s, n, j, c, out) {
  i = index(line, "\"" key "\":")
  if (i == 0) return ""
  s = substr(line, i + length(key) + 3)
  sub(/^[ \t]+/, "", s)
  if (substr(s, 1, 1) != "\"") {
    if (match(s, /^[^,}]*/) == 0) return ""
    s = substr(s, 1, RLENGTH)
    sub(/[ \t]+$/, "", s)
    return (s == "null") ? "" : s
  }
  out = ""
  n = length(s)
  for (j = 2; j <= n; j++) {
    c = substr(s, j, 1)
    if (c == "\"") break
    if (c == "\\") {
      j++
      c = substr(s, j, 1)
      if (c == "n" || c == "t" || c == "r") c = " "
      else if (c == "u") { c = "?"; j += 4 }
      else if (c == "b" || c == "f") c = ""
    }
    out = out c
  }
  return out
}
function orNone(s) { return (s == "") ? "-" : s }
# head(code): the country or organisation block of an actor code: the first
# three letters (RUSMIL -> RUS), six for IGO/NGO/IMG/MNC roots (IGOUNOWFP -> IGOUNO).
function head(c,    r) {
  r = substr(c, 1, 3)
  return (r == "IGO" || r == "NGO" || r == "IMG" || r == "MNC") ? substr(c, 1, 6) : r
}
'

# One event a line: date, source, code, target, "verb text" (and the document).
awk_first='
NF == 0 { next }
{
  shown++
  if (shown > first) exit
  printf "  %-10s  %-12s %-5s %-12s  \"%s\"  (%s)\n", orNone(jget($0, "date")),
         orNone(jget($0, "source")), orNone(jget($0, "code")),
         orNone(jget($0, "target")), jget($0, "verb_text"), jget($0, "doc_id")
}
'

# Per source-target pair: events, cooperation, conflict, Goldstein sum;
# tab-separated, unsorted. Totals go to the file named by totals.
awk_pairs='
NF == 0 { next }
{
  n++
  src = jget($0, "source"); tgt = jget($0, "target"); q = jget($0, "quad") + 0
  if (level == "country") { src = head(src); tgt = head(tgt) }
  if (q == 1 || q == 2) tcoop++
  else if (q == 3 || q == 4) tconf++
  if (src == "" || tgt == "") { lone++; next }
  k = src "\t" tgt
  cnt[k]++; gold[k] += jget($0, "goldstein")
  if (q == 1 || q == 2) coop[k]++
  else if (q == 3 || q == 4) conf[k]++
}
END {
  for (k in cnt) printf "%d\t%s\t%d\t%d\t%.1f\n", cnt[k], k, coop[k], conf[k], gold[k] / cnt[k]
  printf "%d %d %d %d\n", n, tcoop, tconf, lone > totals
}
'

# The sorted pairs as a table.
awk_table='
BEGIN { FS = "\t"
  printf "  %-4s %-28s %6s %7s %7s %9s\n", "#", "dyad (source -> target)", "events", "coop%", "confl%", "goldstein"
}
{
  printf "  %-4d %-28s %6d %6.0f%% %6.0f%% %+9.1f\n", NR, $2 " -> " $3, $1,
         100 * $4 / $1, 100 * $5 / $1, $6
}
'

summarise() { # FILE: print the count, the first events and the busiest dyads
  f=$1
  nev=$(awk 'NF > 0 { n++ } END { print n + 0 }' "$f")
  echo
  echo "== $nev events coded"
  [ "$nev" -gt 0 ] || {
    echo "   (nothing to summarise)"
    return 0
  }
  echo
  echo "== the first $first events: date, source, code, target, \"verb\" (document)"
  awk -v first="$first" "$awk_lib$awk_first" "$f"
  echo
  awk -v totals="$tmp/totals" -v level=actor "$awk_lib$awk_pairs" "$f" >"$tmp/pairs"
  read -r n_all n_coop n_conf n_lone <"$tmp/totals"
  echo "== the busiest dyads (of all $n_all events: $n_coop cooperation = QuadClass 1-2, $n_conf conflict = 3-4)"
  [ "$n_lone" -eq 0 ] || echo "   ($n_lone events lack a source or a target and are in no dyad)"
  dyad_table "$tmp/pairs"
  echo
  echo "== the same, by country or organisation (RUSMIL, RUSGOV -> RUS)"
  awk -v totals="$tmp/totals" -v level=country "$awk_lib$awk_pairs" "$f" >"$tmp/pairs"
  dyad_table "$tmp/pairs"
}

dyad_table() { # PAIRS_FILE: the $top busiest pairs as a table
  LC_ALL=C sort -t "$(printf '\t')" -k1,1nr -k2,2 -k3,3 "$1" | sed -n "1,${top}p" |
    awk "$awk_table"
  npairs=$(awk 'END { print NR }' "$1")
  [ "$npairs" -gt 0 ] || echo "   (no event has both a source and a target)"
  [ "$npairs" -le "$top" ] || echo "  ... and $((npairs - top)) more"
}

# ---- 1. a ready events file -----------------------------------------------
if [ -n "$events_file" ]; then
  echo "$prog: summarising the events in $events_file (DEMO_EVENTS; the coder is not run)"
  summarise "$events_file"
  exit 0
fi

echo "$prog: dyad is $dyad"
echo "$prog: the sample is $sample ($(awk 'NF > 0 { n++ } END { print n + 0 }' "$sample") articles, fictional, see sample/README.md)"

# ---- 2. the event store, when it exists ------------------------------------
if "$dyad" query --help >/dev/null 2>&1; then
  db=$tmp/demo.db
  echo "$prog: the event store works: ingesting the sample into a temporary database"
  echo "+ dyad ingest --db $db sample/articles.jsonl"
  rc=0
  "$dyad" ingest --db "$db" "$sample" || rc=$?
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
    echo "$prog: dyad ingest failed (exit status $rc)" >&2
    exit "$rc"
  fi
  echo
  echo "== the $top busiest dyads (countries and organisations; both sides known)"
  echo "+ dyad query --db $db --by dyad --depth 1 --source '?*' --target '?*' --sort events --limit $top"
  "$dyad" query --db "$db" --by dyad --depth 1 --source '?*' --target '?*' --sort events \
    --limit "$top" --format table || {
    st=$?
    echo "$prog: dyad query failed (exit status $st)" >&2
    exit "$st"
  }
  echo
  echo "== Russia and China, month by month"
  echo "+ dyad query --db $db --dyad RUS,CHN --by month"
  "$dyad" query --db "$db" --dyad RUS,CHN --by month --format table || exit $?
  echo
  echo "== a few stored events"
  if "$dyad" events --help >/dev/null 2>&1; then
    echo "+ dyad events --db $db --limit $first"
    "$dyad" events --db "$db" --limit "$first" >"$tmp/events.txt" || {
      st=$?
      echo "$prog: dyad events failed (exit status $st)" >&2
      exit "$st"
    }
    cat "$tmp/events.txt"
  else
    "$dyad" code -q "$sample" >"$tmp/events.jsonl" 2>/dev/null || true
    awk -v first="$first" "$awk_lib$awk_first" "$tmp/events.jsonl"
  fi
  exit "$rc"
fi

# ---- 3. no store yet: code and summarise here ------------------------------
echo "$prog: no event store yet ('dyad query' is not available): coding with 'dyad code'"
echo "+ dyad code sample/articles.jsonl"
rc=0
"$dyad" code "$sample" >"$tmp/events.jsonl" || rc=$?
case $rc in
  0) ;;
  1) echo "$prog: dyad reported bad input (exit status 1); summarising what it coded" >&2 ;;
  *) echo "$prog: dyad code failed (exit status $rc)" >&2; exit "$rc" ;;
esac
summarise "$tmp/events.jsonl"
exit "$rc"
