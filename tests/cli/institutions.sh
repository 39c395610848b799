#!/bin/bash
# institutions.sh -- the built-in state institutions (data/actors/institutions/*.txt):
# proper names and acronyms resolve to their codes, dates pick the code of
# the day, "Bank of X" central banks beat the BUS composition, and names
# left out on purpose stay out.
# Usage: bash institutions.sh PATH_TO_DYAD
set -u
DYAD=${1:?usage: institutions.sh PATH_TO_DYAD}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

# actor TEXT NAME CODE: explaining TEXT finds the actor NAME coded CODE.
actor() {
    "$DYAD" explain "$1" >"$TMP/out" 2>"$TMP/err" || fail "explain '$1' failed: $(head -3 "$TMP/err")"
    grep -qF "\"$2\" = $3 " "$TMP/out" ||
        fail "'$2' in '$1' is not $3: $(grep -F "\"$2\"" "$TMP/out" | head -2)"
}
# not_code TEXT CODE: no actor of TEXT is coded CODE.
not_code() {
    "$DYAD" explain "$1" >"$TMP/out" 2>"$TMP/err" || fail "explain '$1' failed"
    grep -qE "\" = $2( |\$)" "$TMP/out" && fail "'$1' has an actor coded $2: $(grep -E "= $2" "$TMP/out" | head -2)"
}
# on NAME DATE CODE: dict find NAME --date DATE gives CODE.
on() {
    "$DYAD" dict find "$1" --date "$2" >"$TMP/out" 2>"$TMP/err" || fail "dict find '$1' failed"
    grep -qF "on $2: $3 " "$TMP/out" || fail "'$1' on $2 is not $3: $(grep -F "on $2" "$TMP/out")"
}

# Proper names and acronyms that no composition could give.
actor "The IDF said it struck targets in Gaza." "IDF" ISRMIL
actor "The Knesset passed the law on Monday." "Knesset" ISRLEG
actor "Shin Bet said it arrested two men." "Shin Bet" ISRSPY
actor "The Quds Force trained the militia." "Quds Force" IRNMILRGC
actor "Basij militia members beat protesters." "Basij militia" IRNMILRGC
actor "The FSB detained a journalist." "FSB" RUSSPY
actor "The State Duma approved the bill." "State Duma" RUSLEG
actor "The Verkhovna Rada voted on Tuesday." "Verkhovna Rada" UKRLEG
actor "The SBU said it foiled a plot." "SBU" UKRSPY
actor "CENTCOM said its forces struck a drone site." "CENTCOM" USAMIL
actor "The State Department condemned the attack." "State Department" USAGOV
actor "The Home Office said the rules would change." "Home Office" GBRGOVCOP
actor "The People's Liberation Army held drills near Taiwan." "People's Liberation Army" CHNMIL
actor "The Tatmadaw shelled the village." "Tatmadaw" MMRMIL
actor "CRPF personnel were injured in the blast." "CRPF personnel" INDCOP
actor "The Frontier Corps repulsed the attack." "Frontier Corps" PAKCOP
actor "ISPR said five soldiers were killed." "ISPR" PAKMIL
actor "USAID suspended its programmes in the country." "USAID" USAGOVDEV
actor "The Palestinian Authority condemned the raid." "Palestinian Authority" PSEGOV

# Central banks named "Bank of X" are the state, not business; commercial
# banks so named are left to the BUS composition.
actor "The Bank of Japan raised rates." "Bank of Japan" JPNGOV
actor "The Bank of England cut rates." "Bank of England" GBRGOV
actor "The Reserve Bank of India kept rates on hold." "Reserve Bank of India" INDGOV
actor "The Bank of China opened a branch in London." "Bank of China" CHNBUS
actor "The Fed raised rates again." "The Fed" USAGOV

# Deliberate choices against the composition of country + role noun.
actor "The Russian National Guard dispersed the crowd." "Russian National Guard" RUSCOP
actor "The U.S. Secret Service arrested the man." "U.S. Secret Service" USACOP

# Names left out on purpose: bare "MIT" is the university, "Diet" needs
# "the", "Congress" stays an agent that takes its country from the text.
not_code "MIT researchers said the study was flawed." TURSPY
not_code "Diet Coke sales rose sharply." JPNLEG
actor "The Diet passed the budget." "The Diet" JPNLEG
"$DYAD" dict find Congress >"$TMP/out" 2>&1
grep -qF "institutions/" "$TMP/out" && fail "bare 'Congress' is defined in institutions: $(head -3 "$TMP/out")"

# Dates: an acronym that changed owner, a body that changed role.
on CNSP 2020-09-01 MLIGOV
on CNSP 2024-01-15 NERGOV
on NISS 2015-06-01 SDNSPY
on NISS 2021-06-01 ETHSPY
on SCAF 2011-06-01 EGYGOV
on SCAF 2013-07-03 EGYMIL

# The institution files check clean.
"$DYAD" dict check >"$TMP/out" 2>&1
grep -F "institutions/" "$TMP/out" && fail "dict check reports the institution files"

[ "$fails" = 0 ] || { echo "$fails failure(s)" >&2; exit 1; }
echo "institutions: ok"
