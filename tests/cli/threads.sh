#!/bin/bash
# threads.sh -- `dyad code --threads N` writes the same bytes, in the same
# order, as one thread, reports the same bad records with the same status,
# from a file, from stdin and from gzip; with more batches than threads,
# batches of one big document, and bad records between them.
# Usage: bash tests/cli/threads.sh PATH_TO_DYAD
set -u
dyad=${1:?usage: threads.sh PATH_TO_DYAD}
here=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
passes=0

fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

# The sample articles 16 times over (ids made unique), a bad record after
# every 50 documents, and one long document: batches end after 64
# documents or 64 KB of text, so there are more batches than the ring of
# two threads holds, and one batch of one document.
f="$tmp/in.jsonl"
awk '
  { doc[NR] = $0 }
  END {
    n = 0
    for (r = 1; r <= 16; r++) {
      for (i = 1; i <= NR; i++) {
        line = doc[i]
        sub(/"id": *"/, "\"id\":\"r" r "-", line)
        print line
        if (++n % 50 == 0)
          printf "{\"id\":\"bad%d\",\"text\":unquoted}\n", n
      }
      if (r == 4) {
        printf "{\"id\":\"big\",\"text\":\""
        for (k = 0; k < 1000; k++)
          printf "Troops crossed the river on Monday and shelled the town, officials said. "
        print "\"}"
      }
    }
  }' "$here/sample/articles.jsonl" >"$f"
gzip -n -c "$f" >"$f.gz"

# run NAME ARGS...: stdout, stderr without the summary's seconds, status.
run() {
  local name=$1
  shift
  "$dyad" code "$@" >"$tmp/$name.out" 2>"$tmp/$name.err.raw"
  echo $? >"$tmp/$name.rc"
  sed 's/, [0-9.]* s$//' "$tmp/$name.err.raw" | sort >"$tmp/$name.err"
}

run one "$f"
[ "$(cat "$tmp/one.rc")" = 1 ] || fail "one thread: exit status $(cat "$tmp/one.rc"), want 1"
[ "$(wc -l <"$tmp/one.out")" -gt 500 ] || fail "one thread: only $(wc -l <"$tmp/one.out") events"
grep -q "malformed JSON" "$tmp/one.err" || fail "one thread: no bad record reported"
for t in 2 3 4; do
  run "file$t" --threads "$t" "$f"
  "$dyad" code --threads "$t" - <"$f.gz" >"$tmp/gz$t.out" 2>"$tmp/gz$t.err.raw"
  echo $? >"$tmp/gz$t.rc"
  sed 's/, [0-9.]* s$//; s/^dyad: error: -:/dyad: error: stdin:/' "$tmp/gz$t.err.raw" | sort >"$tmp/gz$t.err"
  for name in "file$t" "gz$t"; do
    cmp -s "$tmp/one.out" "$tmp/$name.out" || fail "$name: output differs from one thread"
    [ "$(cat "$tmp/$name.rc")" = 1 ] || fail "$name: exit status $(cat "$tmp/$name.rc"), want 1"
  done
  cmp -s "$tmp/one.err" "$tmp/file$t.err" || { fail "file$t: stderr differs"; diff "$tmp/one.err" "$tmp/file$t.err" >&2; }
  [ "$(grep -c "malformed JSON" "$tmp/gz$t.err")" = "$(grep -c "malformed JSON" "$tmp/one.err")" ] ||
    fail "gz$t: not the same bad records"
  passes=$((passes + 1))
done

echo "threads: $passes passed, $fails failed"
[ "$fails" = 0 ]
