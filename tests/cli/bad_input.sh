#!/bin/bash
# bad_input.sh -- `dyad code` on bad input: every bad record is reported
# with the input's name, line and byte offset, the good documents around it
# are still coded, and the exit status is 1 (0 when nothing was bad).
# Usage: bash tests/cli/bad_input.sh PATH_TO_DYAD
set -u
dyad=${1:?usage: bad_input.sh PATH_TO_DYAD}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
passes=0

fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); return 1; }
ok() { passes=$((passes + 1)); }

good1='{"id":"g1","text":"Troops crossed the river on Monday, officials said."}'
good2='{"id":"g2","text":"The two leaders met in the capital.","date":"2024-03-05"}'

# run NAME FILE ARGS...: runs dyad code, keeps stdout, stderr and status.
run() {
  local name=$1
  shift
  "$dyad" code "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
  echo $? >"$tmp/$name.rc"
}

# expect NAME STATUS DOCS [TEXT...]: the status, the summary line's document
# count, and each TEXT somewhere on stderr.
expect() {
  local name=$1 status=$2 docs=$3
  shift 3
  local rc
  rc=$(cat "$tmp/$name.rc")
  [ "$rc" = "$status" ] || { fail "$name: exit status $rc, want $status"; cat "$tmp/$name.err" >&2; return; }
  grep -q "^dyad: $docs documents, " "$tmp/$name.err" ||
    { fail "$name: want '$docs documents' in the summary"; cat "$tmp/$name.err" >&2; return; }
  local t
  for t in "$@"; do
    grep -qF -- "$t" "$tmp/$name.err" || { fail "$name: stderr lacks '$t'"; cat "$tmp/$name.err" >&2; return; }
  done
  ok
}

# case NAME BADLINE EXPECTED_MESSAGE_PART: good1, the bad line, good2.
case_between() {
  local name=$1 bad=$2 what=$3
  local f="$tmp/$name.jsonl"
  { printf '%s\n' "$good1"; printf '%s\n' "$bad"; printf '%s\n' "$good2"; } >"$f"
  local off=$(( ${#good1} + 1 ))
  run "$name" "$f"
  expect "$name" 1 2 "dyad: error: $f:2: " "(byte $off)" "$what"
}

case_between malformed '{"id":"b","text":"unterminated' "malformed JSON"
case_between not_object '["id","text"]' "not an object"
case_between no_text '{"id":"b","title":"only a title"}' 'no "text"'
case_between empty_text '{"id":"b","text":"   "}' '"text" is empty'
case_between text_number '{"id":"b","text":12}' '"text" is not a string'
case_between id_object '{"id":{"x":1},"text":"t"}' '"id" is neither'
case_between trailing '{"id":"b","text":"t"} {"id":"c"}' "data after the object"

# Binary junk: NUL bytes, and random control bytes.
f="$tmp/binary.jsonl"
{ printf '%s\n' "$good1"; printf 'ab\000\001\002cd\n'; printf '%s\n' "$good2"; } >"$f"
run binary "$f"
expect binary 1 2 "dyad: error: $f:2: " "(byte $(( ${#good1} + 1 )))" "binary data"
f="$tmp/binary2.jsonl"
{ printf '%s\n' "$good1"; head -c 3000 /dev/urandom | tr -d '\n\000'; printf '\n%s\n' "$good2"; } >"$f"
run binary2 "$f"
expect binary2 1 2 "dyad: error: $f:2: " "(byte $(( ${#good1} + 1 )))"

# A 12 MB line over a 64 KiB limit, skipped without being held.
f="$tmp/long.jsonl"
{ printf '%s\n' "$good1"; printf '{"id":"big","text":"'; head -c 12000000 /dev/zero | tr '\0' 'a';
  printf '"}\n'; printf '%s\n' "$good2"; } >"$f"
run long "$f" --max-doc-bytes 65536
expect long 1 2 "dyad: error: $f:2: " "(byte $(( ${#good1} + 1 )))" "longer than the limit"

# CRLF, a BOM, blank lines and no final newline are fine.
f="$tmp/crlf.jsonl"
{ printf '\357\273\277%s\r\n\r\n' "$good1"; printf '%s' "$good2"; } >"$f"
run crlf "$f"
expect crlf 0 2

# An empty file: no documents, no error.
f="$tmp/empty.jsonl"
: >"$f"
run empty "$f"
expect empty 0 0

# Warnings do not skip the document: no id, a bad date, invalid UTF-8.
f="$tmp/warn.jsonl"
{ printf '{"text":"No id here."}\n'; printf '{"id":"d","text":"Bad date.","date":"soon"}\n';
  printf '{"id":"u","text":"Caf\351 \303( text."}\n'; } >"$f"
run warn "$f"
expect warn 0 3 "dyad: warning: $f:1: " "LINE-1" "dyad: warning: $f:2: " "not an ISO 8601 date" \
  "invalid UTF-8"

# gzip: whole, then cut in half (the documents before the cut are coded).
f="$tmp/docs.jsonl"
for i in $(seq 1 3000); do
  printf '{"id":"n%d","text":"Document %d reports that the talks on %x went on."}\n' "$i" "$i" "$((i * 7919))"
done >"$f"
gzip -9 -n -c "$f" >"$f.gz"
run gzip "$f.gz"
expect gzip 0 3000
size=$(wc -c <"$f.gz")
head -c $((size / 2)) "$f.gz" >"$tmp/cut.gz"
run cut "$tmp/cut.gz"
if expect cut 1 '[0-9]*' "dyad: error: $tmp/cut.gz:" "gzip stream is truncated" "(byte $((size / 2)))"; then
  n=$(sed -n 's/^dyad: \([0-9]*\) documents.*/\1/p' "$tmp/cut.err")
  [ "$n" -gt 100 ] && [ "$n" -lt 3000 ] || fail "cut: $n documents before the cut"
fi

# stdin is named "stdin".
{ printf '%s\n' "$good1"; printf 'oops\n'; } | "$dyad" code >"$tmp/stdin.out" 2>"$tmp/stdin.err"
echo $? >"$tmp/stdin.rc"
expect stdin 1 1 "dyad: error: stdin:2: " "(byte $(( ${#good1} + 1 )))"

# A file that cannot be read: reported, the other inputs still coded.
printf '%s\n' "$good1" >"$tmp/one.jsonl"
run unreadable "$tmp/no-such.jsonl" "$tmp/one.jsonl"
expect unreadable 1 1 "$tmp/no-such.jsonl" "cannot open"

# Text mode: an empty article is reported.
: >"$tmp/empty.txt"
run text_empty --text "$tmp/empty.txt"
expect text_empty 1 0 "$tmp/empty.txt" "empty"

echo "bad_input: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
