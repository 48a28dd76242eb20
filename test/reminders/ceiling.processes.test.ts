import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/db.js';
import { startConnector, type FakeConnector } from '../helpers/connector.js';
import { describeEachStore, freshDatabase, type TestDatabase } from '../helpers/db.js';
import { busiestWindow } from '../helpers/windows.js';

/**
 * The tenant's ceiling on calls to Teams holds for the tenant, not per process: two real bot
 * processes on one database send 15 messages each at once, and the fake Bot Connector, which
 * notes when each request arrives, never sees more than the ceiling in any one second.
 */
const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'paceWorker.ts');
const CEILING = 5;
const EACH = 15;

function startWorker(db: TestDatabase, serviceUrl: string, id: string, from: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    env: { ...process.env, DATABASE: JSON.stringify(db.config), SERVICE_URL: serviceUrl, WORKER_ID: id, FROM: String(from), COUNT: String(EACH), TENANT_PER_SECOND: String(CEILING) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let onReady: () => void = () => {};
  const ready = new Promise<void>((r) => (onReady = r));
  child.stdout!.on('data', (c: Buffer) => {
    out += c.toString();
    if (out.includes('READY')) onReady();
  });
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<{ code: number | null; out: string }>((resolve) => child.on('exit', (code) => resolve({ code, out })));
  // A worker that dies before READY must fail the test, not leave it waiting.
  void exited.then(() => onReady());
  return { child, ready, exited };
}

describe('busiestWindow', () => {
  it('counts every window that starts at a request, half-open', () => {
    // [100, 1100) holds 100, 999, 1000 and 1001; [0, 1000) only 0, 100 and 999.
    expect(busiestWindow([1001, 0, 999, 100, 1000], 1000)).toEqual({ count: 4, startsAt: 100 });
    expect(busiestWindow([0, 1000, 2000], 1000)).toEqual({ count: 1, startsAt: 0 });
    expect(busiestWindow([], 1000).count).toBe(0);
  });
});

describeEachStore('the tenant ceiling shared by two bot processes', (kind) => {
  let connector: FakeConnector;
  let db: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    connector = await startConnector();
  });
  afterAll(async () => connector.close());
  beforeEach(async () => {
    connector.reset();
    db = await freshDatabase(kind);
    // Migrated here, once, before the workers open it.
    store = await db.open();
  });
  afterEach(async () => {
    await store.close();
    await db.drop();
  });

  it(`30 messages from two processes at a ceiling of ${CEILING} per second: at most ${CEILING} in every sliding second`, async () => {
    const a = startWorker(db, connector.serviceUrl, 'A', 0);
    const b = startWorker(db, connector.serviceUrl, 'B', EACH);
    await Promise.all([a.ready, b.ready]);
    a.child.stdin!.write('go\n');
    b.child.stdin!.write('go\n');
    const [doneA, doneB] = await Promise.all([a.exited, b.exited]);
    expect(doneA.code, doneA.out).toBe(0);
    expect(doneB.code, doneB.out).toBe(0);
    expect(doneA.out).toContain(`DONE ${JSON.stringify(Array(EACH).fill('sent'))}`);
    expect(doneB.out).toContain(`DONE ${JSON.stringify(Array(EACH).fill('sent'))}`);

    const posts = connector.sent();
    expect(posts).toHaveLength(30);
    expect(new Set(posts.map((p) => p.conversationId)).size).toBe(30);
    // Both processes were sending at the same time, so each had to leave room for the other.
    const sender = (p: (typeof posts)[number]) => (Number(p.conversationId!.slice('a:tenant-'.length)) < EACH ? 'A' : 'B');
    const ofA = posts.filter((p) => sender(p) === 'A').map((p) => p.arrivedAt);
    const ofB = posts.filter((p) => sender(p) === 'B').map((p) => p.arrivedAt);
    expect(ofA).toHaveLength(EACH);
    expect(ofB).toHaveLength(EACH);
    expect(Math.min(Math.max(...ofA), Math.max(...ofB))).toBeGreaterThan(Math.max(Math.min(...ofA), Math.min(...ofB)));

    const busiest = busiestWindow(posts.map((p) => p.arrivedAt), 1000);
    const offsets = posts.map((p) => Math.round(p.arrivedAt - busiest.startsAt)).filter((ms) => ms >= 0 && ms < 1000);
    expect(busiest.count, `requests at +ms from ${new Date(busiest.startsAt).toISOString()}: ${offsets.join(', ')}`).toBeLessThanOrEqual(CEILING);
  }, 150_000);
});
