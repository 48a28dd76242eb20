import { spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { JobRunner } from '../../src/jobs/runner.js';
import { createLogger } from '../../src/logger.js';
import type { Store } from '../../src/store/db.js';
import { describeEachStore, freshDatabase, type TestDatabase } from '../helpers/db.js';

const ROOT = path.resolve(__dirname, '../..');

function worker(config: unknown, id: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/job-worker.ts', JSON.stringify(config), id], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  return new Promise<void>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker ${id} exited ${code}: ${err}`)))));
}

describeEachStore('job runner in two processes', (kind) => {
  let db: TestDatabase;
  let store: Store;
  beforeEach(async () => {
    db = await freshDatabase(kind);
    store = await db.open();
    await sql`create table job_effects (job_id integer not null, worker text not null)`.execute(store.db);
  });
  afterEach(async () => {
    await store.close();
    await db.drop();
  });

  it('runs each of 200 due jobs exactly once across both processes', async () => {
    const scheduler = new JobRunner({ store, clock: { now: () => Date.now() }, logger: createLogger('silent') });
    for (let i = 0; i < 200; i++) await scheduler.schedule('count', { i }, Date.now() - 1000);
    await Promise.all([worker(db.config, 'p1'), worker(db.config, 'p2')]);
    const rows = (await sql<{ job_id: number; worker: string }>`select job_id, worker from job_effects`.execute(store.db)).rows;
    const perJob = new Map<number, number>();
    for (const r of rows) perJob.set(Number(r.job_id), (perJob.get(Number(r.job_id)) ?? 0) + 1);
    expect(rows).toHaveLength(200);
    expect(perJob.size).toBe(200);
    // Both processes took part (each job takes 5 ms, batches of 5).
    expect(new Set(rows.map((r) => r.worker))).toEqual(new Set(['p1', 'p2']));
  }, 60_000);
});
