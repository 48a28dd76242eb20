import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createApp } from '../../src/app.js';
import type { Store } from '../../src/store/db.js';
import { Reminders } from '../../src/reminders/service.js';
import { startConnector, type FakeConnector } from '../helpers/connector.js';
import { describeOnPostgres, freshDatabase, type TestDatabase } from '../helpers/db.js';

/**
 * Two real bot processes on one PostgreSQL, 200 due reminders, and a fake Bot Connector that
 * counts every POST. One process is killed with SIGKILL mid-tick; a restarted process takes
 * over its claims once their lease (60 s in the worker) has run out.
 */
const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'crashWorker.ts');
const DUE = Date.UTC(2026, 11, 1, 8, 30); // Tuesday 1 December 2026, 09:30 in Amsterdam

interface Worker {
  child: ChildProcess;
  ready: Promise<void>;
  claimed20: Promise<void>;
  frozen: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>;
}

function startWorker(url: string, id: string, nowMs: number, crashAt = 'none:0'): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    env: { ...process.env, DATABASE_URL: url, WORKER_ID: id, NOW_MS: String(nowMs), CRASH_AT: crashAt },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let onReady: () => void = () => {};
  let onClaimed: () => void = () => {};
  const claimed20 = new Promise<void>((r) => (onClaimed = r));
  let onFrozen: () => void = () => {};
  let onEarlyExit: (e: Error) => void = () => {};
  const ready = new Promise<void>((r) => (onReady = r));
  const frozen = new Promise<void>((r, reject) => ((onFrozen = r), (onEarlyExit = reject)));
  child.stdout!.on('data', (c: Buffer) => {
    out += c.toString();
    if (out.includes('READY')) onReady();
    if (out.includes('CLAIMED20')) onClaimed();
    if (out.includes('FROZEN')) onFrozen();
  });
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>((resolve) =>
    child.on('exit', (code, signal) => {
      onEarlyExit(new Error(`worker ${id} ended before its crash point: ${out}${err}`));
      resolve({ code, signal, out: out + err });
    }),
  );
  frozen.catch(() => {});
  return { child, ready, claimed20, frozen, exited };
}

describeOnPostgres('two bot processes on one PostgreSQL, one killed with SIGKILL', () => {
  let connector: FakeConnector;
  let db: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    connector = await startConnector();
  });
  afterAll(async () => connector.close());

  beforeEach(async () => {
    connector.reset();
    db = await freshDatabase('postgres');
    store = await db.open();
    const clock = { now: () => DUE - 3600_000 };
    const app = createApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), store, logger: createLogger('silent'), clock });
    const { repo } = app.services;
    const p = await repo.activateForTeam('tenant', '19:team@thread.tacv2');
    await repo.saveConversation({ activityId: 'x', conversationId: '19:team@thread.tacv2', conversationType: 'channel', tenantId: 'tenant', teamId: '19:team@thread.tacv2', serviceUrl: connector.serviceUrl, botId: '28:bot', from: { teamsUserId: '29:pl', name: 'PL' } }, p.id);
    const reminders = new Reminders(app.services);
    for (let i = 0; i < 200; i++) {
      await reminders.create({ partnershipId: p.id, createdBy: 'm', rule: { kind: 'once', date: '2026-12-01', time: '09:30' }, target: 'conversation', targetRef: `a:personal-${i}`, text: `Herinnering ${i}` });
    }
  });
  afterEach(async () => {
    await store.close();
    await db.drop();
  });

  /** POSTs per conversation as the fake connector counted them. */
  function postsPerConversation(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const r of connector.sent()) counts.set(r.conversationId!, (counts.get(r.conversationId!) ?? 0) + 1);
    return counts;
  }

  async function crashAndRecover(crashAt: string) {
    const url = db.config.kind === 'postgres' ? db.config.url : '';
    const a = startWorker(url, 'A', DUE, crashAt);
    const b = startWorker(url, 'B', DUE);
    await Promise.all([a.ready, b.ready]);
    // B starts once A holds 20 claims, so A surely reaches its crash point; from then on the
    // two claim side by side.
    a.child.stdin!.write('go\n');
    await a.claimed20;
    b.child.stdin!.write('go\n');
    await a.frozen;
    a.child.kill('SIGKILL');
    const [deadA, doneB] = await Promise.all([a.exited, b.exited]);
    expect(deadA.signal).toBe('SIGKILL');
    expect(doneB.code, doneB.out).toBe(0);
    // Within the lease nobody touches A's claims: some reminders are still undelivered.
    expect(postsPerConversation().size).toBeLessThan(200);
    // A restarted process after the lease takes A's claims over and finishes them.
    const c = startWorker(url, 'C', DUE + 61_000);
    await c.ready;
    c.child.stdin!.write('go\n');
    const doneC = await c.exited;
    expect(doneC.code, doneC.out).toBe(0);
    const slots = await store.db.selectFrom('reminder_slots').select(['status', 'claimed_by']).execute();
    expect(slots).toHaveLength(200);
    expect(slots.every((s) => s.status === 'sent')).toBe(true);
    // A recorded four sends before it died; C finished what A had claimed and not recorded.
    expect(slots.filter((s) => s.claimed_by === 'A')).toHaveLength(4);
    expect(slots.filter((s) => s.claimed_by === 'C').length).toBeGreaterThanOrEqual(16);
    return postsPerConversation();
  }

  it('killed after claiming and before sending: every reminder delivered exactly once', async () => {
    const counts = await crashAndRecover('beforeSend:5');
    expect(counts.size).toBe(200);
    expect([...counts.values()].filter((n) => n > 1)).toEqual([]);
    expect(connector.sent()).toHaveLength(200);
  }, 150_000);

  it('killed after Teams accepted a send and before recording it: every reminder delivered, that one twice', async () => {
    const counts = await crashAndRecover('afterSend:5');
    expect(counts.size).toBe(200);
    expect([...counts.values()].filter((n) => n > 1)).toEqual([2]);
    expect(connector.sent()).toHaveLength(201);
  }, 150_000);
});
