#!/bin/sh
# bench_text.sh -- builds bench/bench_text.c against build/libdyad.a (run
# `make build` first) and runs it with the given arguments on stdin.
#   zcat news.jsonl.gz | bench/bench_text.sh -r 3
#   zcat news.jsonl.gz | bench/bench_text.sh -t -n 20 | less
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/build/bench_text"
libs=$(pkg-config --libs libutf8proc libcjson zlib sqlite3 libexttextcat geonames)
cc -O2 -g -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -I"$here/src" -I"$here/include" \
   $(pkg-config --cflags libcjson) "$here/bench/bench_text.c" "$here/build/libdyad.a" \
   $libs -lm -lpthread -o "$out"
exec "$out" "$@"
