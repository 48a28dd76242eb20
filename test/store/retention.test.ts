import { afterEach, beforeEach, expect, it } from 'vitest';
import { PartnershipRepo } from '../../src/partnership/repo.js';
import { HandledActivities } from '../../src/store/handledActivities.js';
import { JobRepo } from '../../src/jobs/repo.js';
import { SlotRepo } from '../../src/delivery/repo.js';
import { ReflectionRepo } from '../../src/reflection/repo.js';
import { AuditLog } from '../../src/audit/log.js';
import { PartnershipEraser } from '../../src/retention/repo.js';
import { monthsBefore, Retention } from '../../src/retention/jobs.js';
import { JobRunner } from '../../src/jobs/runner.js';
import { createLogger } from '../../src/logger.js';
import type { Store } from '../../src/store/db.js';
import { describeEachStore, freshDatabase, type TestDatabase } from '../helpers/db.js';

const DAY = 86_400_000;
const MINUTE = 60_000;
const PERIODS = { partnershipDays: 30, answersMonths: 24, leftMembersDays: 30, handledDays: 7, handledResponseMinutes: 10, operationalDays: 30, auditMonths: 12 };
const person = (n: number, name: string) => ({ teamsUserId: `29:u${n}`, aadObjectId: `aad-${n}`, name });
const channel = (teamId: string) => ({ activityId: 'x', conversationId: teamId, conversationType: 'channel' as const, tenantId: 't', teamId, channelId: teamId, serviceUrl: 'https://s/', botId: '28:b', from: person(1, 'A') });

describeEachStore('retention store', (kind) => {
  let db: TestDatabase;
  let store: Store;
  let now = Date.UTC(2027, 0, 10, 9, 0);
  const clock = { now: () => now };
  beforeEach(async () => {
    now = Date.UTC(2027, 0, 10, 9, 0);
    db = await freshDatabase(kind);
    store = await db.open();
  });
  afterEach(async () => {
    await store.close();
    await db.drop();
  });

  it('removed_at: set on the first removal only, cleared by reinstalling; removedBefore finds what is past the grace period', async () => {
    const repo = new PartnershipRepo(store, () => now);
    const eraser = new PartnershipEraser(store, clock);
    const p = await repo.activateForTeam('t', '19:a');
    expect(p.removed_at).toBeNull();
    await repo.deactivate(p.id);
    const removed = now;
    now += DAY;
    await repo.deactivate(p.id);
    expect((await repo.get(p.id))!.removed_at).toBe(removed);
    expect(await eraser.removedBefore(removed)).toEqual([]);
    expect(await eraser.removedBefore(removed + 1)).toEqual([p.id]);
    await repo.activateForTeam('t', '19:a');
    expect((await repo.get(p.id))!.removed_at).toBeNull();
    expect(await eraser.removedBefore(now + 100 * DAY)).toEqual([]);
  });

  it('members no longer have an e-mail column', async () => {
    const repo = new PartnershipRepo(store, () => now);
    const p = await repo.activateForTeam('t', '19:a');
    await repo.upsertMembers(p.id, [person(1, 'Anna')]);
    const row = await store.db.selectFrom('members').selectAll().executeTakeFirstOrThrow();
    expect(Object.keys(row)).not.toContain('email');
  });

  it('handled activities: answers cleared after the window, records pruned after 7 days, a channel and its threads forgotten', async () => {
    const handled = new HandledActivities(store, clock);
    await handled.claim('19:a', '1');
    await handled.finish('19:a', '1', { body: 'old' });
    await handled.claim('19:a;messageid=5', '2');
    await handled.finish('19:a;messageid=5', '2', { body: 'thread' });
    await handled.claim('19:ab', '3');
    now += 11 * MINUTE;
    await handled.claim('19:b', '4');
    await handled.finish('19:b', '4', { body: 'new' });
    expect(await handled.clearResponses(10 * MINUTE)).toBe(2);
    expect(await handled.current('19:b', '4')).toEqual({ kind: 'duplicate', status: 'done', response: { body: 'new' } });
    expect(await handled.current('19:a', '1')).toEqual({ kind: 'duplicate', status: 'done', response: undefined });
    // "19:ab" is another conversation, not a thread of "19:a".
    expect(await handled.forgetConversations(['19:a'])).toBe(2);
    now += 7 * DAY;
    expect(await handled.prune(7 * DAY)).toBe(1);
    expect((await store.db.selectFrom('handled_activities').select('conversation_id').execute()).map((r) => r.conversation_id)).toEqual(['19:b']);
  });

  it('jobs and reminder slots: finished ones after 30 days, and those naming given ids', async () => {
    const jobs = new JobRepo(store);
    const slots = new SlotRepo(store);
    const add = (kind: string, payload: object, key: string | null) => jobs.insert({ kind, dedupeKey: key, payload: JSON.stringify(payload), runAt: now, maxAttempts: 5, now });
    const done = (await add('a', {}, null))!;
    const failed = (await add('b', {}, null))!;
    await add('c', {}, null);
    await store.db.updateTable('jobs').set({ status: 'done' }).where('id', '=', done).execute();
    await store.db.updateTable('jobs').set({ status: 'failed' }).where('id', '=', failed).execute();
    await add('d', { runId: 'run-1' }, null);
    await add('e', {}, 'e:pid-1:2027');
    await slots.insertClaim({ reminderId: 'rem-1', slotAt: 1, recipient: 'x' }, false, 'w', now);
    await slots.record({ reminderId: 'rem-1', slotAt: 1, recipient: 'x' }, 'w', { status: 'sent', attempts: 1 }, now);
    await slots.insertClaim({ reminderId: 'nudge:run-1:3', slotAt: 1, recipient: 'y' }, false, 'w', now);
    await slots.insertClaim({ reminderId: 'count:run-2', slotAt: 1, recipient: 'y' }, false, 'w', now);
    now += 30 * DAY + 1;
    // Only settled slots and finished jobs; the pending job and the claimed slots stay.
    expect(await jobs.purgeFinished(now - 30 * DAY)).toBe(2);
    expect(await slots.purgeSettled(now - 30 * DAY)).toBe(1);
    expect(await jobs.deleteNaming(['run-1', 'pid-1'])).toBe(2);
    expect((await store.db.selectFrom('jobs').select('kind').execute()).map((r) => r.kind)).toEqual(['c']);
    expect(await slots.deleteNaming([], ['run-1'])).toBe(1);
    expect((await store.db.selectFrom('reminder_slots').select('reminder_id').execute()).map((r) => r.reminder_id)).toEqual(['count:run-2']);
  });

  it('reflection: raw answers and invitations of runs closed before the cutoff go, participation and the summary stay', async () => {
    const repo = new PartnershipRepo(store, () => now);
    const runs = new ReflectionRepo(store, () => now);
    const p = await repo.activateForTeam('t', '19:a');
    const [school] = await repo.replaceSchools(p.id, [{ name: 'S', type: 'vo' }]);
    const ids = await repo.upsertMembers(p.id, [person(1, 'A'), person(2, 'B'), person(3, 'C')]);
    const make = async () =>
      runs.create(
        { partnership_id: p.id, instrument_version: '1', werkgroep_id: null, per_school: 0, deadline_at: now + DAY, created_by: ids[0]!, min_group: 3 },
        ids.map((memberId, i) => ({ memberId, schoolId: i < 2 ? school!.id : null, layer: null })),
      );
    const old = await make();
    for (const id of ids.slice(0, 2)) {
      await runs.saveAnswers(old.id, id, [{ itemId: 'c1.s1', value: 4, text: null }, { itemId: 'c1.good', value: null, text: 'tekst' }]);
      await runs.markSubmitted(old.id, id);
    }
    await runs.finishClose(old.id, '{"frozen":true}');
    now += DAY;
    const open = await make();
    await runs.saveAnswers(open.id, ids[0]!, [{ itemId: 'c1.s1', value: 2, text: null }]);

    expect(await runs.purgeClosedBefore(now - DAY)).toEqual({ runs: 0, reflection_answers: 0, reflection_invites: 0 });
    expect(await runs.purgeClosedBefore(now)).toEqual({ runs: 1, reflection_answers: 4, reflection_invites: 3 });
    const after = (await runs.get(old.id))!;
    expect(after.summary_json).toBe('{"frozen":true}');
    expect(JSON.parse(after.participation_json!).sort((a: { invited: number }, b: { invited: number }) => b.invited - a.invited)).toEqual([
      { schoolId: school!.id, invited: 2, answered: 2 },
      { schoolId: null, invited: 1, answered: 0 },
    ]);
    // The open run keeps everything; a second purge finds nothing more.
    expect(await runs.answersOf(open.id, ids[0]!)).toEqual([{ itemId: 'c1.s1', value: 2, text: null }]);
    expect(await runs.purgeClosedBefore(now + 1)).toEqual({ runs: 0, reflection_answers: 0, reflection_invites: 0 });
  });

  it('a partnership is deleted with every row of it; another partnership and a shared 1:1 chat stay', async () => {
    const repo = new PartnershipRepo(store, () => now);
    const a = await repo.activateForTeam('t', '19:a');
    const b = await repo.activateForTeam('t', '19:b');
    await repo.saveConversation(channel('19:a'), a.id);
    await repo.saveConversation(channel('19:b'), b.id);
    const [onlyA, both] = await repo.upsertMembers(a.id, [person(1, 'Alleen A'), person(2, 'Beide')]);
    await repo.upsertMembers(b.id, [person(2, 'Beide')]);
    await repo.assignMember(onlyA!, a.id, { roles: ['projectleider'], schoolId: null, werkgroepIds: [] });
    const address = { conversationId: 'a:1', serviceUrl: 'https://s/', tenantId: 't', botId: '28:b', kind: 'personal' as const, channelId: null, teamId: null };
    await repo.savePersonalChat(address, { aadObjectId: 'aad-1', teamsUserId: '29:u1' }, a.id);
    await repo.savePersonalChat({ ...address, conversationId: 'a:2' }, { aadObjectId: 'aad-2', teamsUserId: '29:u2' }, a.id);
    await store.db.insertInto('nudge_optouts').values({ partnership_id: a.id, user_key: 'aad-1', created_at: now }).execute();
    const handled = new HandledActivities(store, clock);
    await handled.claim('19:a;messageid=9', 'x');

    const counts = await new PartnershipEraser(store, clock).deleteAll(a.id);
    expect(counts).toMatchObject({ partnerships: 1, members: 2, member_roles: 1, nudge_optouts: 1, conversation_refs: 2, handled_activities: 1 });
    expect(await repo.get(a.id)).toBeUndefined();
    expect((await store.db.selectFrom('members').select('partnership_id').execute()).map((r) => r.partnership_id)).toEqual([b.id]);
    // Alleen A's 1:1 chat went; Beide's stays, no longer tied to A.
    const refs = await store.db.selectFrom('conversation_refs').select(['conversation_id', 'partnership_id']).orderBy('conversation_id').execute();
    expect(refs).toEqual([
      { conversation_id: '19:b', partnership_id: b.id },
      { conversation_id: 'a:2', partnership_id: null },
    ]);
    expect(await store.db.selectFrom('handled_activities').selectAll().execute()).toEqual([]);
  });

  it('the retention run: every step, one audit entry with the counts, steps added later run too', async () => {
    const audit = new AuditLog(store, clock);
    const logger = createLogger('silent');
    const retention = new Retention({ store, clock, logger, jobs: new JobRunner({ store, clock, logger }), audit, periods: PERIODS });
    await audit.record({ partnershipId: null, action: 'download' });
    const seen: number[] = [];
    retention.addStep('left-members', async ({ now: at, periods }) => {
      seen.push(at - periods.leftMembersDays * DAY);
      return { members: 0 };
    });
    expect(() => retention.addStep('left-members', async () => ({}))).toThrow('added twice');
    now = monthsBefore(now, -12) + 1;
    const counts = await retention.run();
    expect(counts).toEqual({ partnerships: 0, reflection_answers: 0, reflection_invites: 0, handled_activities: 0, handled_responses: 0, jobs: 0, reminder_slots: 0, audit_log: 1, members: 0 });
    expect(seen).toEqual([now - 30 * DAY]);
    const entries = await store.db.selectFrom('audit_log').selectAll().execute();
    expect(entries.map((e) => [e.action, e.partnership_id, JSON.parse(e.counts)])).toEqual([['retention', null, counts]]);
  });
});

it('monthsBefore counts calendar months', () => {
  expect(new Date(monthsBefore(Date.UTC(2028, 10, 25, 9), 24)).toISOString()).toBe('2026-11-25T09:00:00.000Z');
  expect(new Date(monthsBefore(Date.UTC(2027, 11, 31, 9), 12)).toISOString()).toBe('2026-12-31T09:00:00.000Z');
});
