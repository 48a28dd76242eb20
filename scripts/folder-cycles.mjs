#!/usr/bin/env node
// Lists import cycles between the folders of src/ (type-only imports included: a folder that
// needs another's types depends on it). Each file directly under src/ counts as its own node.
// Exit code 1 when a cycle exists. Used by test/unit/layers.test.ts and by hand.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'src');
const nodeOf = (file) => {
  const rel = path.relative(root, file);
  const parts = rel.split(path.sep);
  return parts.length === 1 ? parts[0].replace(/\.ts$/, '') : parts[0];
};
const files = [];
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.ts')) files.push(p);
  }
})(root);

const edges = new Map();
const why = new Map();
for (const file of files) {
  const src = fs.readFileSync(file, 'utf8');
  for (const m of src.matchAll(/(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
    const spec = m[1] ?? m[2];
    const target = path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts');
    if (!target.startsWith(root)) continue;
    const a = nodeOf(file);
    const b = nodeOf(target);
    if (a === b) continue;
    if (!edges.has(a)) edges.set(a, new Set());
    edges.get(a).add(b);
    const key = `${a}->${b}`;
    if (!why.has(key)) why.set(key, `${path.relative(root, file)} imports ${spec}`);
  }
}

// Strongly connected components (Tarjan): every component of more than one node is a cycle.
let index = 0;
const stack = [];
const idx = new Map();
const low = new Map();
const on = new Set();
const cycles = [];
function strong(v) {
  idx.set(v, index);
  low.set(v, index++);
  stack.push(v);
  on.add(v);
  for (const w of edges.get(v) ?? []) {
    if (!idx.has(w)) {
      strong(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const comp = [];
    let w;
    do {
      w = stack.pop();
      on.delete(w);
      comp.push(w);
    } while (w !== v);
    if (comp.length > 1) cycles.push(comp.sort());
  }
}
for (const v of new Set([...edges.keys(), ...[...edges.values()].flatMap((s) => [...s])])) if (!idx.has(v)) strong(v);

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(cycles));
} else {
  for (const c of cycles) {
    console.log(`cycle: ${c.join(' <-> ')}`);
    for (const a of c) for (const b of c) if (why.has(`${a}->${b}`)) console.log(`  ${why.get(`${a}->${b}`)}`);
  }
  if (!cycles.length) console.log('no import cycles between folders of src/');
}
process.exit(cycles.length ? 1 : 0);
