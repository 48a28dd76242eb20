import { afterEach, beforeEach, expect, it } from 'vitest';
import { JobRunner } from '../../src/jobs/runner.js';
import { createLogger } from '../../src/logger.js';
import type { Store } from '../../src/store/db.js';
import { describeEachStore, freshDatabase, type TestDatabase } from '../helpers/db.js';

const logger = createLogger('silent');
const T0 = Date.UTC(2026, 10, 24, 9, 0);

describeEachStore('job runner', (kind) => {
  let db: TestDatabase;
  let store: Store;
  let now: number;
  const clock = { now: () => now };
  const runner = (workerId = 'w1', leaseMs = 60_000) => new JobRunner({ store, clock, logger, workerId, leaseMs });

  beforeEach(async () => {
    now = T0;
    db = await freshDatabase(kind);
    store = await db.open();
  });
  afterEach(async () => {
    await store.close();
    await db.drop();
  });

  it('runs a job once when due, not before', async () => {
    const r = runner();
    const seen: unknown[] = [];
    r.register('note', async (payload, job) => {
      seen.push({ payload, runAt: job.runAt, attempt: job.attempt });
    });
    await r.schedule('note', { n: 1 }, T0 + 60_000);
    expect(await r.runDue()).toBe(0);
    now = T0 + 59_999;
    expect(await r.runDue()).toBe(0);
    now = T0 + 60_000;
    expect(await r.runDue()).toBe(1);
    expect(await r.runDue()).toBe(0);
    expect(seen).toEqual([{ payload: { n: 1 }, runAt: T0 + 60_000, attempt: 1 }]);
  });

  it('keeps one job per dedupe key; reschedule and cancel act on pending jobs', async () => {
    const r = runner();
    let runs = 0;
    r.register('k', async () => {
      runs++;
    });
    expect(await r.schedule('k', {}, T0 + 1000, { dedupeKey: 'deadline:run-1' })).toBeTypeOf('number');
    expect(await r.schedule('k', {}, T0 + 1000, { dedupeKey: 'deadline:run-1' })).toBeUndefined();
    expect(await r.reschedule('deadline:run-1', T0 + 5000)).toBe(true);
    now = T0 + 1000;
    expect(await r.runDue()).toBe(0);
    now = T0 + 5000;
    expect(await r.runDue()).toBe(1);
    await r.schedule('k', {}, T0 + 9000, { dedupeKey: 'other' });
    expect(await r.cancel('other')).toBe(true);
    now = T0 + 10_000;
    expect(await r.runDue()).toBe(0);
    expect(runs).toBe(1);
  });

  it('retries a failing job with backoff 5 s, 10 s, 20 s and gives up after max attempts', async () => {
    const r = runner();
    let attempts = 0;
    r.register('flaky', async () => {
      attempts++;
      throw new Error('Teams said 502');
    });
    const id = (await r.schedule('flaky', {}, T0, { maxAttempts: 3 }))!;
    const row = () => store.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(await r.runDue()).toBe(1);
    expect(await row()).toMatchObject({ status: 'pending', run_at: T0 + 5000, attempts: 1, last_error: 'Teams said 502' });
    now = T0 + 5000;
    await r.runDue();
    expect(await row()).toMatchObject({ status: 'pending', run_at: T0 + 15_000, attempts: 2 });
    now = T0 + 15_000;
    await r.runDue();
    expect(await row()).toMatchObject({ status: 'failed', attempts: 3 });
    now = T0 + 3600_000;
    expect(await r.runDue()).toBe(0);
    expect(attempts).toBe(3);
  });

  it('survives a restart: a job scheduled before runs after reopening the database', async () => {
    await runner().schedule('later', { who: 'regiegroep' }, T0 + 1000);
    await store.close();
    store = await db.open();
    const r = runner('w2');
    const seen: unknown[] = [];
    r.register('later', async (p) => {
      seen.push(p);
    });
    now = T0 + 1000;
    expect(await r.runDue()).toBe(1);
    expect(seen).toEqual([{ who: 'regiegroep' }]);
  });

  it('takes over a job whose worker died, only after its lease expired', async () => {
    const dead = runner('dead', 30_000);
    await dead.schedule('x', {}, T0);
    expect(await dead.claimDue()).toHaveLength(1); // claimed, never finished
    const alive = runner('alive', 30_000);
    let runs = 0;
    alive.register('x', async () => {
      runs++;
    });
    now = T0 + 29_999;
    expect(await alive.runDue()).toBe(0);
    now = T0 + 30_001;
    expect(await alive.runDue()).toBe(1);
    expect(runs).toBe(1);
  });

  it('two runners on one database run each of 200 due jobs exactly once', async () => {
    const counts = new Map<number, number>();
    const a = runner('a');
    const b = runner('b');
    for (const r of [a, b]) {
      r.register('fan', async (_p, job) => {
        counts.set(job.id, (counts.get(job.id) ?? 0) + 1);
        await new Promise((res) => setTimeout(res, 1));
      });
    }
    for (let i = 0; i < 200; i++) await a.schedule('fan', { i }, T0);
    const [ra, rb] = await Promise.all([a.runDue(), b.runDue()]);
    expect(ra + rb).toBe(200);
    expect(counts.size).toBe(200);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });
});
