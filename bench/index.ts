/**
 * npm run bench: prints JSON with throughput and latency of our turns against a bare
 * botbuilder echo bot measured in the same run, and cold start to /healthz and idle RSS of
 * the compiled bot (`node dist/index.js`) against that echo bot (`node bench/echo-bot.mjs`),
 * both started the same way as child processes. Figures depend on the machine; the ratios
 * are what to compare between runs.
 *
 *   npm run bench [-- <requests per run>] [-- --only help]
 *
 * Speed targets live here, as ratios against the echo baseline of the same run: each prints a
 * PASS or FAIL line on stderr after the JSON, and a FAIL makes the exit code 1. `--only help`
 * runs just the targeted case (help at 16 in flight vs echo, on SQLite and PostgreSQL);
 * `--only summary` the summary of 1,000 respondents x 45 items against a bare GROUP BY over
 * the same answers (target: at most 3 times as long), on SQLite and PostgreSQL.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { openStore } from '../src/store/db.js';
import { createApp } from '../src/app.js';
import { startBenchConnector } from './connector.js';
import { startEchoBot } from './echo-bot.mjs';
import { runLoad, type LoadResult } from './load.js';
import { benchConcurrentRespondents, benchSummary, executeActivity, seedRun, summaryLine, type SummaryVsGroupBy } from './reflection.js';
import { benchFanOut, benchProgress } from './reminders.js';
import { freePort } from '../test/helpers/children.js';
import { benchDatabase, benchHelpVsEcho, helpLine, type BenchDatabase, type HelpVsEcho } from './help.js';

const TENANT = 'bench-tenant';
const TEAM = '19:bench@thread.tacv2';
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const REQUESTS = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--only') ?? 600);
/** PostgreSQL for the help target; BENCH_DATABASE_URL points elsewhere, SKIP_POSTGRES=1 leaves it out (and says so). */
const DATABASES: BenchDatabase[] = process.env.SKIP_POSTGRES === '1' ? ['sqlite'] : ['sqlite', 'postgres'];

function personalMessage(serviceUrl: string, i: number, text: string) {
  return {
    type: 'message',
    id: `bench-${Date.now()}-${i}`,
    text,
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:bench-user', aadObjectId: 'aad-bench-user', name: 'Bench Docent' },
    recipient: { id: '28:bot', name: 'Leerlab' },
    conversation: { id: `a:personal-bench-${i % 50}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    locale: 'nl-NL',
  };
}

function compare(ours: LoadResult, base: LoadResult) {
  return {
    throughputRatio: Math.round((ours.turnsPerSecond / base.turnsPerSecond) * 100) / 100,
    p50Ratio: Math.round((ours.p50Ms / base.p50Ms) * 100) / 100,
    p99Ratio: Math.round((ours.p99Ms / base.p99Ms) * 100) / 100,
  };
}


/** Starts `node <entry>` on a free port; time to the first 200 from /healthz, RSS 2 s later. */
async function coldStart(entry: string): Promise<{ msToHealthy: number; rssIdleMb: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leerlab-bench-cold-'));
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
  let msToHealthy = -1;
  while (performance.now() - t0 < 60_000) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200) {
        msToHealthy = Math.round(performance.now() - t0);
        break;
      }
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  // Idle means after start-up work (first job poll, timers) has settled.
  await new Promise((r) => setTimeout(r, 2000));
  const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
  return { msToHealthy, rssIdleMb: Math.round(rssKb / 102.4) / 10 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Three alternating starts of each, medians: one start on a shared 2-core machine is noisy. */
async function coldStarts() {
  const ours: Array<{ msToHealthy: number; rssIdleMb: number }> = [];
  const echo: Array<{ msToHealthy: number; rssIdleMb: number }> = [];
  for (let i = 0; i < 3; i++) {
    echo.push(await coldStart('bench/echo-bot.mjs'));
    ours.push(await coldStart('dist/index.js'));
  }
  const summary = (runs: typeof ours) => ({ msToHealthy: median(runs.map((r) => r.msToHealthy)), rssIdleMb: median(runs.map((r) => r.rssIdleMb)) });
  const o = summary(ours);
  const e = summary(echo);
  return {
    ours: o,
    echo: e,
    rssIdleRatio: Math.round((o.rssIdleMb / e.rssIdleMb) * 100) / 100,
    coldStartRatio: Math.round((o.msToHealthy / e.msToHealthy) * 100) / 100,
  };
}

async function helpTargets(): Promise<HelpVsEcho[]> {
  const out: HelpVsEcho[] = [];
  for (const kind of DATABASES) out.push(await benchHelpVsEcho(kind, REQUESTS));
  return out;
}

/** The summary target on a database of its own (SQLite file or PostgreSQL schema). */
async function benchSummaryOn(kind: BenchDatabase): Promise<SummaryVsGroupBy> {
  const database = await benchDatabase(kind);
  const connector = await startBenchConnector();
  const config = loadConfig({ ...database.env, PORT: '0', LOG_LEVEL: 'silent', JOB_POLL_MS: '60000' });
  const store = await openStore(config.database);
  const app = createApp({ config, store, logger: createLogger('silent'), clock: { now: () => Date.now() } });
  const port = await app.start();
  try {
    const { partnershipId: _, ...result } = await benchSummary(app, `http://127.0.0.1:${port}/api/messages`, connector.serviceUrl, 1000, kind);
    return result;
  } finally {
    await app.stop();
    await store.close();
    await connector.close();
    await database.drop();
  }
}

function machine() {
  // Five other processes may share these cores: the load average tells how busy they were.
  return { node: process.version, cpus: os.cpus().length, platform: process.platform, loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100) };
}

/** Prints the JSON, then one PASS/FAIL line per target on stderr; exits 1 when one failed. */
async function finish(report: Record<string, unknown>, targets: HelpVsEcho[], summaries: SummaryVsGroupBy[] = []): Promise<never> {
  const lines = targets.map(helpLine);
  if (process.env.SKIP_POSTGRES === '1' && targets.length) lines.push('SKIP help at 16 in flight vs echo [postgres]: SKIP_POSTGRES=1');
  lines.push(...summaries.map(summaryLine));
  if (process.env.SKIP_POSTGRES === '1' && summaries.length) lines.push('SKIP summary of 1000 respondents x 45 items vs a bare GROUP BY [postgres]: SKIP_POSTGRES=1');
  // Written out before exiting: process.exit does not wait for a piped stdout to drain.
  const write = (stream: NodeJS.WriteStream, text: string) => new Promise<void>((r) => stream.write(text, () => r()));
  await write(process.stdout, `${JSON.stringify({ ...report, machineAfter: machine() }, null, 2)}\n`);
  await write(process.stderr, `${lines.join('\n')}\n`);
  process.exit(targets.every((r) => r.pass) && summaries.every((r) => r.pass) ? 0 : 1);
}

async function main() {
  const before = machine();
  if (ONLY === 'help') {
    const targets = await helpTargets();
    await finish({ machine: before, requestsPerRun: REQUESTS, helpInFlight16: targets }, targets);
  }
  if (ONLY === 'summary') {
    const summaries: SummaryVsGroupBy[] = [];
    for (const kind of DATABASES) summaries.push(await benchSummaryOn(kind));
    await finish({ machine: before, summary1000: { ...summaries[0]!, ...(summaries[1] ? { postgres: summaries[1] } : {}) } }, [], summaries);
  }
  if (ONLY !== undefined) throw new Error(`Unknown --only ${ONLY}; the cases that run alone are "help" and "summary".`);
  // The cold-start figures are for the compiled bot, as production runs it.
  if (spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) throw new Error('build failed');
  const connector = await startBenchConnector();
  const echo = await startEchoBot();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leerlab-bench-'));
  const config = loadConfig({ DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'silent', JOB_POLL_MS: '60000' });
  const store = await openStore(config.database);
  const app = createApp({ config, store, logger: createLogger('silent'), clock: { now: () => Date.now() } });
  const port = await app.start();
  const ours = `http://127.0.0.1:${port}/api/messages`;

  // A set-up partnership so `help` resolves the member and their roles, as in real use.
  const p = await app.services.repo.activateForTeam(TENANT, TEAM);
  await app.services.repo.rename(p.id, 'Bench partnerschap');
  const [memberId] = await app.services.repo.upsertMembers(p.id, [{ teamsUserId: '29:bench-user', aadObjectId: 'aad-bench-user', name: 'Bench Docent' }]);
  await app.services.repo.setRoles(memberId!, p.id, ['docent']);

  const results: Record<string, unknown> = {};
  for (const concurrency of [1, 16]) {
    // Warm up both so JIT and connection pools are ready.
    await runLoad(echo.url, 50, concurrency, (i) => personalMessage(connector.serviceUrl, i, 'warm'));
    await runLoad(ours, 50, concurrency, (i) => personalMessage(connector.serviceUrl, 100_000 + i, 'help'));
    const echoRun = await runLoad(echo.url, REQUESTS, concurrency, (i) => personalMessage(connector.serviceUrl, i, 'hallo'));
    const helpRun = await runLoad(ours, REQUESTS, concurrency, (i) => personalMessage(connector.serviceUrl, 200_000 + concurrency * 10_000 + i, 'help'));
    results[`inFlight${concurrency}`] = { echo: echoRun, help: helpRun, ...compare(helpRun, echoRun) };
  }

  // Answer-submit turns (invoke reflection.part) against the same echo baseline.
  const { run, users } = await seedRun(app, ours, connector.serviceUrl, 100);
  const submits: Record<string, unknown> = {};
  for (const concurrency of [1, 16]) {
    const echoRun = await runLoad(echo.url, REQUESTS, concurrency, (i) => personalMessage(connector.serviceUrl, 500_000 + i, 'hallo'));
    const submitRun = await runLoad(ours, REQUESTS, concurrency, (i) =>
      executeActivity(connector.serviceUrl, users[i % users.length]!, `submit-${concurrency}-${i}`, 'reflection.part', { runId: run.id, v: '1', part: '0', nav: 'later', i0: String((i % 5) + 1), i1: '3' }),
    );
    submits[`inFlight${concurrency}`] = { echo: echoRun, submit: submitRun, ...compare(submitRun, echoRun) };
  }
  results.answerSubmit = submits;

  await app.stop();
  await store.close();
  await echo.close();
  await connector.close();

  // 200 respondents at once against a connector with 50-200 ms latency.
  const slow = await startBenchConnector([50, 200]);
  const dir2 = fs.mkdtempSync(path.join(os.tmpdir(), 'leerlab-bench-'));
  const config2 = loadConfig({ DATA_DIR: dir2, PORT: '0', LOG_LEVEL: 'silent', JOB_POLL_MS: '200' });
  const store2 = await openStore(config2.database);
  const app2 = createApp({ config: config2, store: store2, logger: createLogger('silent'), clock: { now: () => Date.now() } });
  const port2 = await app2.start();
  results.concurrentRespondents = await benchConcurrentRespondents(app2, `http://127.0.0.1:${port2}/api/messages`, slow.serviceUrl, slow.log, 200);
  await app2.stop();
  await store2.close();

  const dir3 = fs.mkdtempSync(path.join(os.tmpdir(), 'leerlab-bench-'));
  const config3 = loadConfig({ DATA_DIR: dir3, PORT: '0', LOG_LEVEL: 'silent', JOB_POLL_MS: '60000' });
  const store3 = await openStore(config3.database);
  const app3 = createApp({ config: config3, store: store3, logger: createLogger('silent'), clock: { now: () => Date.now() } });
  const port3 = await app3.start();
  const { partnershipId, ...summary } = await benchSummary(app3, `http://127.0.0.1:${port3}/api/messages`, slow.serviceUrl, 1000);
  const summaries: SummaryVsGroupBy[] = [summary];
  // voortgang for that partnership: 1,000 invited with 45,000 answers, plus 50 werkgroepen.
  results.voortgang50 = await benchProgress(app3, 50, partnershipId);
  results.reminderFanOut = await benchFanOut(app3, slow.serviceUrl, slow.log, 1000, config3.tenantRatePerSecond);
  await app3.stop();
  await store3.close();
  await slow.close();

  if (DATABASES.includes('postgres')) summaries.push(await benchSummaryOn('postgres'));
  results.summary1000 = { ...summaries[0]!, ...(summaries[1] ? { postgres: summaries[1] } : {}) };
  const targets = await helpTargets();
  results.helpInFlight16 = targets;

  const cold = await coldStarts();
  await finish(
    {
      machine: before,
      requestsPerRun: REQUESTS,
      turns: results,
      coldStartToHealthzMs: cold.ours.msToHealthy,
      rssIdleMb: cold.ours.rssIdleMb,
      echo: cold.echo,
      rssIdleRatio: cold.rssIdleRatio,
      coldStartRatio: cold.coldStartRatio,
    },
    targets,
    summaries,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
