#!/usr/bin/env node
// Runs every test layer: unit, turn, store (SQLite and PostgreSQL), protocol, then the
// browser tests against the Agents Playground. Prints one closing "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const runs = [
  { name: 'unit, turn, store, protocol', args: ['run'] },
  { name: 'browser (Agents Playground)', args: ['run', '-c', 'vitest.e2e.config.ts'] },
];
const only = process.argv[2];

let passed = 0;
let failed = 0;
let exitCode = 0;
for (const run of runs) {
  if (only === '--no-e2e' && run.args.includes('vitest.e2e.config.ts')) continue;
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'leerlab-test-')), 'report.json');
  console.log(`\n=== ${run.name} ===`);
  const res = spawnSync(process.execPath, [vitest, ...run.args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
    cwd: root,
    stdio: 'inherit',
    env: process.env,
  });
  if (fs.existsSync(report)) {
    const json = JSON.parse(fs.readFileSync(report, 'utf8'));
    passed += json.numPassedTests ?? 0;
    failed += (json.numFailedTests ?? 0) + (json.numFailedTestSuites && !json.numFailedTests ? json.numFailedTestSuites : 0);
  } else {
    failed += 1;
  }
  if (res.status !== 0) exitCode = res.status ?? 1;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(exitCode || (failed > 0 ? 1 : 0));
