import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createApp, type App } from '../../src/app.js';
import type { Store } from '../../src/store/db.js';
import { Deliverer } from '../../src/delivery/deliverer.js';
import { Reminders } from '../../src/reminders/service.js';
import { startConnector, type FakeConnector } from '../helpers/connector.js';
import { describeEachStore, freshDatabase, type TestDatabase } from '../helpers/db.js';

const T0 = Date.UTC(2026, 11, 1, 8, 0); // Tuesday 1 December 2026, 09:00 in Amsterdam
let connector: FakeConnector;
beforeAll(async () => {
  connector = await startConnector();
});
afterAll(async () => connector.close());

describeEachStore('reminder delivery', (kind) => {
  let db: TestDatabase;
  let store: Store;
  let app: App;
  let now = T0;
  let pid = '';
  const clock = { now: () => now };
  const limits = { perConversationMs: 0, tenantPerSecond: 1000, maxAttempts: 3, backoffMs: 10 };
  const worker = (id: string) =>
    new Reminders(app.services, new Deliverer({ store, messenger: app.services.messenger, clock, logger: createLogger('silent'), workerId: id, limits }));

  beforeEach(async () => {
    now = T0;
    connector.reset();
    db = await freshDatabase(kind);
    store = await db.open();
    app = createApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), store, logger: createLogger('silent'), clock });
    const { repo } = app.services;
    const p = await repo.activateForTeam('tenant', '19:team@thread.tacv2');
    pid = p.id;
    await repo.saveConversation({ activityId: 'x', conversationId: '19:team@thread.tacv2', conversationType: 'channel', tenantId: 'tenant', teamId: '19:team@thread.tacv2', serviceUrl: connector.serviceUrl, botId: '28:bot', from: { teamsUserId: '29:pl', name: 'PL' } }, pid);
  });
  afterEach(async () => {
    await store.close();
    await db.drop();
  });

  it('two workers on one database deliver each of 200 due reminders exactly once', async () => {
    for (let i = 0; i < 200; i++) {
      await worker('setup').create({ partnershipId: pid, createdBy: 'm', rule: { kind: 'once', date: '2026-12-01', time: '09:30' }, target: 'conversation', targetRef: `a:personal-${i}`, text: `Herinnering ${i}` });
    }
    now = Date.UTC(2026, 11, 1, 8, 30);
    const [a, b] = await Promise.all([worker('w1').tick(), worker('w2').tick()]);
    expect((a.sent ?? 0) + (b.sent ?? 0)).toBe(200);
    const posts = connector.sent();
    expect(posts).toHaveLength(200);
    expect(new Set(posts.map((p) => p.conversationId)).size).toBe(200);
    // Nothing left to send: the next tick sends nothing.
    expect(await worker('w1').tick()).toEqual({});
  });

  it('waits out a 429, marks a 403 conversation unreachable, and still delivers to the others', async () => {
    const { repo } = app.services;
    const people = [1, 2, 3].map((n) => ({ teamsUserId: `29:rg${n}`, aadObjectId: `aad-rg${n}`, name: `Regiegroep ${n}` }));
    const ids = await repo.upsertMembers(pid, people);
    for (const id of ids) await repo.setRoles(id, pid, ['regiegroep']);
    now = T0 - 3600_000;
    await worker('setup').create({ partnershipId: pid, createdBy: 'm', rule: { kind: 'weekly', start: '2026-12-01', time: '09:00', everyWeeks: 1 }, target: 'regiegroep', text: 'Regiegroep donderdag: stukken lezen.' });
    let throttled = 0;
    connector.rules = [
      (r) => (r.method === 'POST' && r.conversationId === 'a:personal-29:rg1' && throttled++ === 0 ? { status: 429, headers: { 'retry-after': '1' }, body: {} } : undefined),
      (r) => (r.method === 'POST' && r.conversationId === 'a:personal-29:rg2' ? { status: 403, body: { error: { code: 'MessageWritesBlocked' } } } : undefined),
    ];
    now = T0 + 60_000;
    const t0 = Date.now();
    const outcome = await worker('w1').tick();
    expect(outcome).toEqual({ sent: 2, unreachable: 1 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900); // Retry-After: 1 second
    expect(connector.sent().map((p) => p.conversationId).sort()).toEqual(['a:personal-29:rg1', 'a:personal-29:rg3']);
    const slots = await store.db.selectFrom('reminder_slots').select(['recipient', 'status']).execute();
    expect(Object.fromEntries(slots.map((s) => [s.recipient, s.status]))).toEqual({ [`member:${ids[0]}`]: 'sent', [`member:${ids[1]}`]: 'unreachable', [`member:${ids[2]}`]: 'sent' });
    expect((await app.services.repo.conversation('a:personal-29:rg2'))?.status).toBe('unreachable');
    // A week later the unreachable chat is not tried again; the others get the next one.
    connector.requests.length = 0;
    now = T0 + 7 * 86_400_000 + 60_000;
    expect(await worker('w1').tick()).toEqual({ sent: 2, unreachable: 1 });
    expect(connector.requests.filter((q) => q.conversationId === 'a:personal-29:rg2')).toHaveLength(0);
  });

  it('marks a 404 conversation (the chat is gone) unreachable after one attempt, and still delivers to the others', async () => {
    const { repo } = app.services;
    const people = [1, 2, 3].map((n) => ({ teamsUserId: `29:rg${n}`, aadObjectId: `aad-rg${n}`, name: `Regiegroep ${n}` }));
    const ids = await repo.upsertMembers(pid, people);
    for (const id of ids) await repo.setRoles(id, pid, ['regiegroep']);
    now = T0 - 3600_000;
    await worker('setup').create({ partnershipId: pid, createdBy: 'm', rule: { kind: 'weekly', start: '2026-12-01', time: '09:00', everyWeeks: 1 }, target: 'regiegroep', text: 'Regiegroep donderdag: stukken lezen.' });
    connector.rules = [(r) => (r.method === 'POST' && r.conversationId === 'a:personal-29:rg3' ? { status: 404, body: { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } } } : undefined)];
    now = T0 + 60_000;
    expect(await worker('w1').tick()).toEqual({ sent: 2, unreachable: 1 });
    expect(connector.sent().map((p) => p.conversationId).sort()).toEqual(['a:personal-29:rg1', 'a:personal-29:rg2']);
    // Refused for good: one attempt, no retries.
    expect(connector.requests.filter((q) => q.conversationId === 'a:personal-29:rg3').map((q) => q.status)).toEqual([404]);
    const slots = await store.db.selectFrom('reminder_slots').select(['recipient', 'status', 'attempts']).execute();
    expect(Object.fromEntries(slots.map((s) => [s.recipient, [s.status, Number(s.attempts)]]))).toEqual({
      [`member:${ids[0]}`]: ['sent', 1],
      [`member:${ids[1]}`]: ['sent', 1],
      [`member:${ids[2]}`]: ['unreachable', 1],
    });
    expect((await repo.conversation('a:personal-29:rg3'))?.status).toBe('unreachable');
    // A week later the chat is not tried again.
    connector.requests.length = 0;
    now = T0 + 7 * 86_400_000 + 60_000;
    expect(await worker('w1').tick()).toEqual({ sent: 2, unreachable: 1 });
    expect(connector.requests.filter((q) => q.conversationId === 'a:personal-29:rg3')).toHaveLength(0);
  });

  it('pause and delete take effect; a slot missed while down is sent once, marked late', async () => {
    const w = worker('w1');
    const weekly = await w.create({ partnershipId: pid, createdBy: 'm', rule: { kind: 'weekly', start: '2026-12-01', time: '09:00', everyWeeks: 1 }, target: 'channel', text: 'Weekstart' });
    const other = await w.create({ partnershipId: pid, createdBy: 'm', rule: { kind: 'weekly', start: '2026-12-01', time: '09:00', everyWeeks: 1 }, target: 'conversation', targetRef: 'a:x', text: 'Weg' });
    await w.pause(weekly.id);
    await w.remove(other.id);
    now = Date.UTC(2026, 11, 1, 8, 1);
    expect(await w.tick()).toEqual({});
    await w.resume(weekly.id);
    // Down for three weeks: 8, 15 and 22 December were missed; on 22 December 12:00 one late message goes out.
    now = Date.UTC(2026, 11, 22, 11, 0);
    expect(await w.tick()).toEqual({ sent: 1 });
    expect(connector.sent()[0]!.body.text).toBe('Weekstart\n\n(Deze herinnering komt later dan gepland.)');
    const r = (await w.get(weekly.id))!;
    expect(Number(r.last_slot_at)).toBe(Date.UTC(2026, 11, 22, 8, 0));
    expect(Number(r.next_at)).toBe(Date.UTC(2026, 11, 29, 8, 0));
  });

  it('a claim left by a dead process is sent by another after the lease; dying after Teams accepted is the one duplicate', async () => {
    const w1 = worker('dead');
    const r = await w1.create({ partnershipId: pid, createdBy: 'm', rule: { kind: 'once', date: '2026-12-01', time: '09:30' }, target: 'conversation', targetRef: 'a:one', text: 'Eén keer' });
    const slot = Date.UTC(2026, 11, 1, 8, 30);
    now = slot;
    // Died after claiming, before sending.
    expect(await w1.deliverer.claim(r.id, slot, 'conversation:a:one', false)).toBe(true);
    await store.db.updateTable('reminders').set({ next_at: null, last_slot_at: slot }).where('id', '=', r.id).execute();
    now = slot + 60_000;
    expect(await worker('w2').tick()).toEqual({});
    now = slot + 121_000;
    expect(await worker('w2').tick()).toEqual({ sent: 1 });
    expect(connector.sent()).toHaveLength(1);
    expect(await worker('w3').tick()).toEqual({});

    // Died after Teams accepted, before recording: the slot stays "claimed" and is sent again.
    const r2 = await w1.create({ partnershipId: pid, createdBy: 'm', rule: { kind: 'once', date: '2026-12-01', time: '10:00' }, target: 'conversation', targetRef: 'a:two', text: 'Twee' });
    const slot2 = Date.UTC(2026, 11, 1, 9, 0);
    now = slot2;
    await w1.deliverer.claim(r2.id, slot2, 'conversation:a:two', false);
    await app.services.messenger.send({ conversationId: 'a:two', serviceUrl: connector.serviceUrl, tenantId: 'tenant', botId: '28:bot', kind: 'personal' }, { text: 'Twee' });
    await store.db.updateTable('reminders').set({ next_at: null, last_slot_at: slot2 }).where('id', '=', r2.id).execute();
    now = slot2 + 121_000;
    await worker('w2').tick();
    expect(connector.sentTo('a:two')).toHaveLength(2);
  });
});
