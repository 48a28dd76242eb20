#!/usr/bin/env node
// npm run build: compiles src/ to dist/ and copies the JSON files src/ reads at run time
// (question content, holiday lists), so every module finds its files next to itself in both
// layouts. cards/ stays at the package root: src/cards/render.ts and dist/cards/render.js
// are equally deep, so "../../cards" resolves to the same folder from either.
//
//   node scripts/build.mjs             build
//   node scripts/build.mjs --if-stale  build only when a file under src/ (or the build
//                                      config) is newer than the last build
//
// The build goes to a temporary folder that replaces dist/ at the end, so a bot that is
// starting meanwhile never sees half a dist/.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = path.join(root, 'dist');
const stamp = path.join(dist, '.build-stamp');
const inputs = [path.join(root, 'src'), path.join(root, 'tsconfig.json'), path.join(root, 'tsconfig.build.json'), path.join(root, 'package-lock.json')];

function newestMtime(p) {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

export function isStale() {
  if (!fs.existsSync(stamp)) return true;
  const built = fs.statSync(stamp).mtimeMs;
  return inputs.some((p) => fs.existsSync(p) && newestMtime(p) > built);
}

export function build() {
  const tmp = path.join(root, `dist.tmp-${process.pid}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', tmp], { cwd: root, stdio: 'inherit' });
    fs.cpSync(path.join(root, 'src'), tmp, { recursive: true, filter: (src) => fs.statSync(src).isDirectory() || src.endsWith('.json') });
    fs.writeFileSync(path.join(tmp, '.build-stamp'), `${new Date().toISOString()}\n`);
    fs.rmSync(dist, { recursive: true, force: true });
    fs.renameSync(tmp, dist);
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  if (process.argv.includes('--if-stale') && !isStale()) {
    console.log('dist/ is up to date');
  } else {
    try {
      build();
      console.log('built dist/');
    } catch {
      process.exit(1);
    }
  }
}
