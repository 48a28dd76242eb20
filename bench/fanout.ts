/**
 * Only the reminder fan-out part of `npm run bench`: `npx tsx bench/fanout.ts [reminders] [runs]`.
 * Prints, per run, the time against the bound (reminders / ceiling) and the busiest sliding
 * one-second window the connector saw, which must stay at or under the ceiling.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { openStore } from '../src/store/db.js';
import { createApp } from '../src/app.js';
import { startBenchConnector } from './connector.js';
import { benchFanOut } from './reminders.js';

const REMINDERS = Number(process.argv[2] ?? 1000);
const RUNS = Number(process.argv[3] ?? 1);

const slow = await startBenchConnector([50, 200]);
const runs: unknown[] = [];
for (let i = 0; i < RUNS; i++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leerlab-bench-'));
  const config = loadConfig({ DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'silent', JOB_POLL_MS: '60000' });
  const store = await openStore(config.database);
  const app = createApp({ config, store, logger: createLogger('silent'), clock: { now: () => Date.now() } });
  runs.push(await benchFanOut(app, slow.serviceUrl, slow.log, REMINDERS, config.tenantRatePerSecond));
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
await slow.close();
console.log(JSON.stringify({ machine: { node: process.version, cpus: os.cpus().length }, reminderFanOut: runs }, null, 2));
process.exit(0);
