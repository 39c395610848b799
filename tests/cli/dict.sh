#!/bin/bash
# dict.sh -- `dyad dict check|stats|find` from the command line.
# Usage: bash dict.sh PATH_TO_DYAD   (DYAD_TEST_DATA: tests/data)
set -u
DYAD=${1:?usage: dict.sh PATH_TO_DYAD}
DATA=${DYAD_TEST_DATA:-$(dirname "$0")/../data}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

# run EXPECTED_STATUS ARGS...: runs dyad, keeps stdout/stderr in $TMP.
run() {
    local want=$1; shift
    "$DYAD" "$@" >"$TMP/out" 2>"$TMP/err"
    local got=$?
    [ "$got" = "$want" ] || fail "dyad $* exited $got, not $want: $(head -3 "$TMP/err")"
}
has() { grep -qF -- "$1" "$TMP/${2:-out}" || fail "no '$1' in ${2:-out}: $(head -5 "$TMP/${2:-out}")"; }

BASE=(--no-defaults --dict "$DATA/kb-base.txt")

# Help for the command and for each subcommand.
run 0 dict --help;          has "usage: dyad dict check"; has "dyad dict COMMAND --help"
run 0 dict check --help;    has "FILE:LINE: error|warning|info"
run 0 dict stats --help;    has "cameo_codes_covered"
run 0 dict find -h;         has "dyad dict find NAME"
run 2 dict
run 2 dict frobnicate
run 2 dict check --bogus
run 2 dict find Obama --date 2012-13-45
run 2 dict stats extra-word

# check: clean file, broken file, unreadable file.
run 0 dict check "${BASE[@]}"
has "0 errors" err
run 1 dict check --no-defaults --dict "$DATA/kb-broken.txt"
has "kb-broken.txt:3: error: unknown kind 'frobnicate'"
has "kb-broken.txt:16: error: event code 999 is not in the CAMEO table"
has "kb-broken.txt:17: warning:"
run 0 dict check "${BASE[@]}" --dict "$DATA/kb-user.txt"
has "kb-user.txt:2: info: overrides person 'Obama'"
run 0 dict check -q "${BASE[@]}" --dict "$DATA/kb-user.txt"
grep -q "info:" "$TMP/out" && fail "--quiet printed info lines"
run 3 dict check --dict "$TMP/no-such-file.txt"
has "no-such-file.txt" err

# The built-in dictionaries have no errors, nor warnings (a "drop pattern"
# line that names a file's line goes stale when lines are added above it).
run 0 dict check -q
has "0 errors, 0 warnings" err

# stats, as a table and as JSON.
run 0 dict stats "${BASE[@]}"
has "countries"
has "cameo_codes"
run 0 dict stats --json "${BASE[@]}"
has '"countries":7,'
has '"people":4,'
has '"patterns":9,'
has '"cameo_codes":311,'
has '"cameo_codes_covered":8,'
has '"load_seconds":'
if command -v python3 >/dev/null; then
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["actors"] == 34' "$TMP/out" ||
        fail "stats --json is not the expected JSON object"
fi

# find: codes by date, file:line, case as typed.
run 0 dict find "Obama" --date 2012-06-01 "${BASE[@]}"
has "person"
has "USAGOV"
has "kb-base.txt:13"
has "matches the name as typed"
run 0 dict find "Obama" --date 2020-06-01 "${BASE[@]}"
has "on 2020-06-01: USAELI"
run 0 dict find "us" "${BASE[@]}"
has "as typed, the name matches none of these"
run 1 dict find "Nobody Atall" "${BASE[@]}"
run 0 dict find "the Kremlin"
has "RUSGOV"

# The examples of the help texts work as shown.
run 0 dict check --quiet
run 0 dict stats --json
run 0 dict find "the Kremlin" --date 2024-01-01
has "on 2024-01-01: RUSGOV"

[ "$fails" = 0 ] || { echo "dict.sh: $fails failure(s)" >&2; exit 1; }
echo "dict.sh: ok"
