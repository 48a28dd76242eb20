#!/usr/bin/env node
// Runs every test layer: unit, turn, store (SQLite and PostgreSQL), protocol, then the
// browser tests against the Agents Playground.
//
//   node scripts/test.mjs [--no-e2e] [--dates-only] [--at '2027-01-05 10:00:00' ...]
//
// Each --at runs every layer once more with the clock set to that date by libfaketime
// (Debian's faketime), which the bot and Playground children inherit: tests must hold on any
// date, not only today. Every run prints its own "N passed, N failed, N skipped" line and its
// time; the last line is the grand total. With CI=true a skipped PostgreSQL test fails the run.
// --dates-only leaves out the run on today's date (CI runs today on one Node version and the
// dates on the others).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const layers = [
  { name: 'unit, turn, store, protocol', args: ['run'], e2e: false },
  { name: 'browser (Agents Playground)', args: ['run', '-c', 'vitest.e2e.config.ts'], e2e: true },
];

const argv = process.argv.slice(2);
const noE2e = argv.includes('--no-e2e');
const datesOnly = argv.includes('--dates-only');
const dates = argv.flatMap((a, i) => (a === '--at' && argv[i + 1] ? [argv[i + 1]] : []));
for (const [i, a] of argv.entries()) {
  if (a !== '--no-e2e' && a !== '--dates-only' && a !== '--at' && argv[i - 1] !== '--at') {
    console.error(`Unknown argument ${a}. Usage: node scripts/test.mjs [--no-e2e] [--dates-only] [--at 'YYYY-MM-DD HH:MM:SS' ...]`);
    process.exit(2);
  }
}
const ci = process.env.CI === 'true';
if (ci && process.env.SKIP_POSTGRES) {
  console.error('SKIP_POSTGRES is set while CI=true: CI runs the store tests on PostgreSQL too. Unset it.');
  process.exit(1);
}
if (dates.length > 0 && spawnSync('faketime', ['--help'], { stdio: 'ignore' }).error) {
  console.error('--at needs Debian\'s faketime package (apt-get install faketime); .ci/run installs it.');
  process.exit(1);
}

const line = (t) => `${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`;
const total = { passed: 0, failed: 0, skipped: 0 };
const timings = [];
let exitCode = 0;

function run(layer, at) {
  const label = at ? `${layer.name}, clock at ${at}` : layer.name;
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'leerlab-test-')), 'report.json');
  const vitestArgs = [vitest, ...layer.args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`];
  console.log(`\n=== ${label} ===`);
  const started = performance.now();
  // faketime without -f gives every process it starts the same offset from the real clock, so
  // the test, the bot, the Playground and Chromium agree on the date. The monotonic clock is
  // shifted by that same offset, which timers do not mind; keeping it real
  // (FAKETIME_DONT_FAKE_MONOTONIC=1) made Chromium's timed waits stall (140 s for a page
  // Chromium loads in 4 s), so that setting is removed.
  const { FAKETIME_DONT_FAKE_MONOTONIC: _, DONT_FAKE_MONOTONIC: __, ...env } = process.env;
  const res = at
    ? spawnSync('faketime', [at, process.execPath, ...vitestArgs], { cwd: root, stdio: 'inherit', env })
    : spawnSync(process.execPath, vitestArgs, { cwd: root, stdio: 'inherit', env: process.env });
  const seconds = Math.round((performance.now() - started) / 1000);
  const counts = { passed: 0, failed: 0, skipped: 0 };
  if (fs.existsSync(report)) {
    const json = JSON.parse(fs.readFileSync(report, 'utf8'));
    counts.passed = json.numPassedTests ?? 0;
    counts.failed = (json.numFailedTests ?? 0) + (json.numFailedTestSuites && !json.numFailedTests ? json.numFailedTestSuites : 0);
    counts.skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
    const skippedPostgres = (json.testResults ?? [])
      .flatMap((f) => f.assertionResults ?? [])
      .filter((t) => ['pending', 'skipped', 'todo'].includes(t.status) && /postgres/i.test(t.fullName ?? ''));
    if (ci && skippedPostgres.length > 0) {
      console.error(`CI=true: ${skippedPostgres.length} PostgreSQL test(s) were skipped, e.g. "${skippedPostgres[0].fullName}". CI must run them.`);
      counts.failed += skippedPostgres.length;
    }
  } else {
    counts.failed += 1;
  }
  if (res.status !== 0) exitCode = res.status ?? 1;
  if (res.error) console.error(`${label}: ${res.error.message}`);
  for (const k of Object.keys(total)) total[k] += counts[k];
  timings.push(`${label}: ${seconds} s`);
  console.log(`\n${label}: ${line(counts)} (${seconds} s)`);
}

for (const at of datesOnly ? dates : [undefined, ...dates]) {
  for (const layer of layers) {
    if (noE2e && layer.e2e) continue;
    run(layer, at);
  }
}
if (timings.length > 1) console.log(`\nTimes:\n  ${timings.join('\n  ')}`);
console.log(`\n${line(total)}`);
process.exit(exitCode || (total.failed > 0 ? 1 : 0));
