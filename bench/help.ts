/**
 * `help` in a Team channel at 16 requests in flight against the bare botbuilder echo bot, on
 * SQLite or PostgreSQL. Issue 11 step 9 sets the target: help's throughput at least 0.67 of
 * echo's in the same run. Both bots run in this process, as the other turn benches do, and get
 * the same activity (a channel message that @mentions the bot, shaped as Teams sends it), so
 * the difference is the work our turn does. Unauthenticated local mode for both: JWT checks
 * would add the same cost to each side and so only flatter the ratio.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { openStore } from '../src/store/db.js';
import { createApp } from '../src/app.js';
import { startBenchConnector } from './connector.js';
import { startEchoBot } from './echo-bot.mjs';
import { runLoad, type LoadResult } from './load.js';
import { channelMessage, TENANT_ID, TEAM_ID, USERS } from '../test/helpers/teams.js';

export const HELP_TARGET_RATIO = 0.67;
const CONCURRENCY = 16;
/** Echo and help alternate in this many rounds, so a change in the machine's load hits both alike. */
const ROUNDS = 3;

export type BenchDatabase = 'sqlite' | 'postgres';

export interface HelpVsEcho {
  database: BenchDatabase;
  concurrency: number;
  echo: LoadResult;
  help: LoadResult;
  throughputRatio: number;
  /** echo's CPU time per request over help's: the same comparison, less moved by other processes. */
  cpuRatio: number;
  target: number;
  pass: boolean;
}

/** A database of its own: a temporary SQLite file, or a fresh schema that parallel tests cannot see. */
export async function benchDatabase(kind: BenchDatabase): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leerlab-bench-help-'));
  if (kind === 'sqlite') return { env: { DATA_DIR: dir }, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  // The same isolation as test/helpers/db.ts: a random schema, selected through search_path.
  const base = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return {
    env: { DATA_DIR: dir, DATABASE_URL: url },
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Sums rounds into one result: throughput over all requests and all time, the worst percentile. */
function combine(runs: LoadResult[]): LoadResult {
  const requests = runs.reduce((n, r) => n + r.requests, 0);
  const seconds = runs.reduce((s, r) => s + r.requests / r.turnsPerSecond, 0);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    requests,
    concurrency: runs[0]!.concurrency,
    turnsPerSecond: round(requests / seconds),
    p50Ms: round(runs.map((r) => r.p50Ms).sort((a, b) => a - b)[Math.floor(runs.length / 2)]!),
    p99Ms: Math.max(...runs.map((r) => r.p99Ms)),
    cpuMsPerRequest: Math.round((runs.reduce((s, r) => s + r.cpuMsPerRequest * r.requests, 0) / requests) * 1000) / 1000,
    errors: runs.reduce((n, r) => n + r.errors, 0),
  };
}

export async function benchHelpVsEcho(kind: BenchDatabase, requestsPerRound: number): Promise<HelpVsEcho> {
  const database = await benchDatabase(kind);
  const connector = await startBenchConnector();
  const echo = await startEchoBot();
  const config = loadConfig({ ...database.env, PORT: '0', LOG_LEVEL: 'silent', JOB_POLL_MS: '60000' });
  const store = await openStore(config.database);
  const app = createApp({ config, store, logger: createLogger('silent'), clock: { now: () => Date.now() } });
  const port = await app.start();
  const ours = `http://127.0.0.1:${port}/api/messages`;
  try {
    // A set-up Team: a projectleider and the asking docent, so help resolves member and roles.
    const { repo } = app.services;
    const p = await repo.activateForTeam(TENANT_ID, TEAM_ID);
    await repo.rename(p.id, 'Bench partnerschap');
    const [pl, docent] = await repo.upsertMembers(p.id, [USERS.sanne, USERS.pieter].map((u) => ({ teamsUserId: u.id, aadObjectId: u.aadObjectId, name: u.name })));
    await repo.setRoles(pl!, p.id, ['projectleider']);
    await repo.setRoles(docent!, p.id, ['docent']);

    // Every request is a new post in the channel (its own ";messageid=" conversation), as a
    // typed command is; ids are unique so dedupe never short-cuts a turn.
    const tag = randomBytes(4).toString('hex');
    const make = (prefix: string) => (i: number) => channelMessage({ serviceUrl: connector.serviceUrl, id: `${tag}-${prefix}-${i}` }, USERS.pieter, 'help');
    // Warm-up: JIT, keep-alive sockets, connection pool, prepared statement caches.
    await runLoad(echo.url, 100, CONCURRENCY, make('warm-echo'));
    await runLoad(ours, 100, CONCURRENCY, make('warm-help'));
    const echoRuns: LoadResult[] = [];
    const helpRuns: LoadResult[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      echoRuns.push(await runLoad(echo.url, requestsPerRound, CONCURRENCY, make(`echo-${round}`)));
      helpRuns.push(await runLoad(ours, requestsPerRound, CONCURRENCY, make(`help-${round}`)));
    }
    const e = combine(echoRuns);
    const h = combine(helpRuns);
    const throughputRatio = Math.round((h.turnsPerSecond / e.turnsPerSecond) * 100) / 100;
    const cpuRatio = Math.round((e.cpuMsPerRequest / h.cpuMsPerRequest) * 100) / 100;
    const pass = throughputRatio >= HELP_TARGET_RATIO && h.errors === 0 && e.errors === 0;
    return { database: kind, concurrency: CONCURRENCY, echo: e, help: h, throughputRatio, cpuRatio, target: HELP_TARGET_RATIO, pass };
  } finally {
    await app.stop();
    await store.close();
    await echo.close();
    await connector.close();
    await database.drop();
  }
}

/** The line the bench prints per database: PASS or FAIL first, so it reads at a glance. */
export function helpLine(r: HelpVsEcho): string {
  const errors = r.help.errors + r.echo.errors;
  return (
    `${r.pass ? 'PASS' : 'FAIL'} help at ${r.concurrency} in flight vs echo [${r.database}]: ` +
    `help ${r.help.turnsPerSecond} req/s, echo ${r.echo.turnsPerSecond} req/s, ratio ${r.throughputRatio} (target >= ${r.target}); ` +
    `CPU ms per request help ${r.help.cpuMsPerRequest}, echo ${r.echo.cpuMsPerRequest}, ratio ${r.cpuRatio}` +
    (errors ? `, ${errors} errors` : '')
  );
}
