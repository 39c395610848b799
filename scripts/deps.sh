#!/bin/sh
# Installs the Debian 12 packages dyad needs to build, test and run, when
# they are missing. Each one is explained in README.md ("Dependencies").
# Usage: scripts/deps.sh [build|test|all]   (default: all)
set -eu

build_pkgs="gcc make cmake pkg-config git ca-certificates
  libutf8proc-dev libcjson-dev zlib1g-dev libsqlite3-dev libexttextcat-dev
  libexttextcat-data libgeonames-dev iso-codes liblingua-en-tagger-perl wordnet-base"
test_pkgs="libcmocka-dev clang libclang-rt-14-dev python3"

case "${1:-all}" in
  build) want="$build_pkgs" ;;
  test|all) want="$build_pkgs $test_pkgs" ;;
  *) echo "usage: $0 [build|test|all]" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
  st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  case "$st" in
    *"install ok installed"*) ;;
    *) missing="$missing $p" ;;
  esac
done
[ -z "$missing" ] && exit 0

echo "dyad: installing Debian packages:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
