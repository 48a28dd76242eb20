import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { useInstalledBot } from '../helpers/installedBot.js';
import { buttonsOf, cardOf, channelMessage, execute, installInTeam, memberLeft, post, TEAM_ID, textsOf, uninstallFromTeam, type User, runIdOnChannelCard, newestButton } from '../helpers/teams.js';
import { rosterOf } from '../helpers/teams.js';
import { t } from '../../src/i18n/index.js';

/**
 * Retention and the end of a partnership (issue 14, AVG art. 5) over the protocol, with a fake
 * clock: jobs run only when the test calls runDue (JOB_RUNNER=off).
 */

const DAY = 86_400_000;
const MINUTE = 60_000;
let now = Date.UTC(2026, 10, 24, 9, 0);
const clock = { now: () => now };
const h = useInstalledBot({ clock });

const u = (n: number, name: string): User => ({ id: `29:r${n}`, aadObjectId: `aad-r-${n}`, name });
const pl = u(0, 'Wilhelmina Zwanenburg');
const docenten = [u(1, 'Barend Oosterhuis'), u(2, 'Cornelia Vlasblom'), u(3, 'Dirk Hazelhoff')];
const COMMENTS = ['Stageplekken regelen we kwikzilverig samen', 'Het rooster botst elke dinsdag opnieuw', 'De overdracht van dossiers loopt stroperig'];

/** The same activity as Teams would send it from another Team (every id of the sample Team replaced). */
const fromTeam = <T>(activity: T, teamId: string): T => JSON.parse(JSON.stringify(activity).replaceAll(TEAM_ID, teamId)) as T;

async function tables(): Promise<string[]> {
  const rows = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(h.bot.store.db);
  return rows.rows.map((r) => r.name).sort();
}

/** Every table whose rows (as JSON) contain one of the needles, with the needles found. */
async function whereFound(needles: string[], except: string[] = []): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const table of await tables()) {
    if (except.includes(table)) continue;
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(h.bot.store.db);
    const text = JSON.stringify(rows.rows);
    const hits = needles.filter((n) => text.includes(n));
    if (hits.length) found[table] = hits;
  }
  return found;
}

async function rowsOf(table: string, where: string, id: string): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)} where ${sql.ref(where)} = ${id}`.execute(h.bot.store.db);
  return Number(r.rows[0]!.n);
}

const jobs = () => h.bot.app.services.jobs;

async function answerEverything(runId: string, who: User, value: number, comment: string): Promise<any> {
  const v = String(value);
  const personal = h.w({ where: 'personal' });
  let card = (await h.invoke(execute(personal, who, 'reflection.part', { runId, v: '1', part: '0', nav: 'next', i0: v, i1: v, i2: v, i3: v, i4: comment }))).value;
  // On through the other parts without answering them, to the overview "Jouw antwoorden".
  for (let part = 1; textsOf(card)[0] !== t.reflection.overviewTitle; part++) card = (await h.invoke(execute(personal, who, 'reflection.part', { runId, v: '1', part: String(part), nav: 'next' }))).value;
  expect((await h.invoke(execute(personal, who, 'reflection.send', { runId, v: '1' }))).value).toContain('Bedankt!');
  return card;
}

async function csvOf(runId: string): Promise<Buffer> {
  const res = await h.invoke(execute(h.w(), pl, 'reflection.csv', { runId }));
  const url = JSON.stringify(res.value).match(/"url":"([^"]+)"/)![1]!;
  return Buffer.from(await (await fetch(url)).arrayBuffer());
}

describe('retention of reflection answers and handled activities', () => {
  let runId = '';
  let summaryJson = '';
  let csv: Buffer;

  it('a full answering flow: the stored invoke answers hold the answers card only for the retry window', async () => {
    const { repo } = h.bot.app.services;
    const [vo] = await repo.replaceSchools(h.pid, [{ name: 'Vmbo De Schakel', type: 'vo' }]);
    await h.addMembers([{ user: pl, roles: ['projectleider'] }, ...docenten.map((user) => ({ user, roles: ['docent' as const], schoolId: vo!.id }))]);
    await post(h.bot.messagesUrl, channelMessage(h.w(), pl, 'reflectie'));
    const data = newestButton(h.connector.sent(), 'Start de reflectie')!.data;
    expect((await h.invoke(execute(h.w(), pl, 'reflection.start', data, { who: 'all', date: '2026-12-01', time: '17:00', perSchool: 'false' }))).value).toBe('De reflectie is gestart. Ik heb een kaart in het kanaal gezet.');
    runId = runIdOnChannelCard(h.connector.sentTo(TEAM_ID));

    const overview = await answerEverything(runId, docenten[0]!, 4, COMMENTS[0]!);
    expect(JSON.stringify(overview)).toContain(COMMENTS[0]);
    for (const [i, who] of docenten.slice(1).entries()) await answerEverything(runId, who, 2 + i, COMMENTS[i + 1]!);

    // Within the window a retried click gets the same answer, the answers card included.
    const stored = await h.bot.store.db.selectFrom('handled_activities').select(['response']).where('response', 'is not', null).execute();
    expect(JSON.stringify(stored)).toContain(COMMENTS[0]);
    expect(JSON.stringify(stored)).toContain(t.reflection.overviewTitle);
    const click = execute(h.w({ where: 'personal' }), docenten[0]!, 'reflection.part', { runId, v: '1', part: '0', nav: 'open' });
    const first = await h.invoke(click);
    expect(first.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(await h.invoke(click)).toEqual(first);

    // The window (10 minutes) passes: the sweep the stored answers scheduled clears them.
    now += 10 * MINUTE;
    await jobs().runDue();
    expect(JSON.stringify(await h.bot.store.db.selectFrom('handled_activities').selectAll().where('response', 'is not', null).execute())).toContain(COMMENTS[0]);
    now += 6 * MINUTE;
    await jobs().runDue();
    const all = JSON.stringify(await h.bot.store.db.selectFrom('handled_activities').selectAll().execute());
    for (const c of COMMENTS) expect(all).not.toContain(c);
    expect(all).not.toContain(t.reflection.overviewTitle);
    expect(await h.bot.store.db.selectFrom('handled_activities').select('response').where('response', 'is not', null).execute()).toEqual([]);
    // A retry after that is handled once still, with a neutral line instead of the card.
    expect(await h.invoke(click)).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: t.common.alreadyHandled });
  });

  it('raw answers go 24 months after the close; the summary and the CSV stay byte for byte', async () => {
    await post(h.bot.messagesUrl, channelMessage(h.w(), pl, 'reflectie sluiten'));
    await jobs().runDue();
    const run = (await h.bot.app.reflection.repo.get(runId))!;
    expect(run.status).toBe('closed');
    summaryJson = run.summary_json!;
    csv = await csvOf(runId);
    // 3 people x (4 statements + 1 comment) = 15 answer rows; 4 invitations (the projectleider too).
    expect(await rowsOf('reflection_answers', 'run_id', runId)).toBe(15);
    expect(await rowsOf('reflection_invites', 'run_id', runId)).toBe(4);

    // Closed on 24 November 2026 (09:16 on the fake clock); a day short of 24 months nothing goes.
    now = Date.UTC(2028, 10, 23, 9, 0);
    await jobs().runDue();
    expect(await rowsOf('reflection_answers', 'run_id', runId)).toBe(15);

    now = Date.UTC(2028, 10, 25, 9, 0);
    await jobs().runDue();
    expect(await rowsOf('reflection_answers', 'run_id', runId)).toBe(0);
    expect(await rowsOf('reflection_invites', 'run_id', runId)).toBe(0);
    const after = (await h.bot.app.reflection.repo.get(runId))!;
    expect(after.summary_json).toBe(summaryJson);
    expect((await csvOf(runId)).equals(csv)).toBe(true);
    // Participation stays for voortgang: the 3 docenten of the school answered, the projectleider (no school) did not.
    const participation = JSON.parse(after.participation_json!) as Array<{ schoolId: string | null }>;
    expect(participation.sort((a, b) => String(a.schoolId).localeCompare(String(b.schoolId)))).toEqual([
      { schoolId: (await h.bot.app.services.repo.schools(h.pid))[0]!.id, invited: 3, answered: 3 },
      { schoolId: null, invited: 1, answered: 0 },
    ]);
    const progress = JSON.stringify(await h.bot.app.progress.card(h.pid, false));
    expect(progress).toContain('3 van 4 ingevuld');
    expect(progress).toContain('Vmbo De Schakel: 3 van 3 (100%)');
    // The comments remain only as published at close (3 respondents reached k = 3), in the summary.
    expect(await whereFound(COMMENTS)).toEqual({ reflection_runs: COMMENTS });
    expect(COMMENTS.every((c) => summaryJson.includes(c))).toBe(true);

    // One audit entry for that run, with counts per table and no content.
    const entries = await h.bot.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'retention').orderBy('at').execute();
    const counts = JSON.parse(entries.at(-1)!.counts);
    expect(counts).toMatchObject({ reflection_answers: 15, reflection_invites: 4, partnerships: 0 });
    expect(entries.at(-1)!.partnership_id).toBeNull();
  });
});

describe('a partnership ends', () => {
  const OTHER = '19:Ee4rN7pQ2cC3@thread.tacv2';
  const THIRD = '19:Gg6tP9rS4dD5@thread.tacv2';
  const people = [u(20, 'Geertruida Pompe'), u(21, 'Hendrikus Olthof')];

  async function partnershipIn(teamId: string, name: string): Promise<{ pid: string; memberIds: string[] }> {
    // On the Team's roster, so a reinstall (which reads the roster) keeps them and their roles.
    h.connector.setRoster(teamId, rosterOf(people));
    await post(h.bot.messagesUrl, fromTeam(installInTeam(h.w()), teamId));
    const { repo } = h.bot.app.services;
    const p = (await repo.findByTeam((await repo.get(h.pid))!.tenant_id, teamId))!;
    await repo.rename(p.id, name);
    const [school] = await repo.replaceSchools(p.id, [{ name: `School van ${name}`, type: 'mbo' }]);
    const memberIds = await repo.upsertMembers(p.id, people.map((x) => ({ teamsUserId: x.id, aadObjectId: x.aadObjectId, name: x.name })));
    await repo.assignMember(memberIds[0]!, p.id, { roles: ['projectleider'], schoolId: null, werkgroepIds: [] });
    await repo.assignMember(memberIds[1]!, p.id, { roles: ['docent'], schoolId: school!.id, werkgroepIds: [] });
    // Some of everything: a reminder (with its job), an opt-out, settings.
    await post(h.bot.messagesUrl, fromTeam(channelMessage(h.w(), people[1]!, 'geen herinneringen'), teamId));
    await h.bot.store.db.insertInto('partnership_settings').values({ partnership_id: p.id, holiday_region: 'noord', holidays_removed: '[]', holidays_added: '[]', digest: 0, updated_at: now }).execute();
    await h.bot.store.db
      .insertInto('reminders')
      .values({ id: randomUUID(), partnership_id: p.id, created_by: memberIds[0]!, status: 'active', rule: '{"kind":"once","at":"2030-01-01T09:00"}', target: 'channel', target_ref: null, text: `Overleg ${name}`, teacher_nudge: 0, next_at: now + DAY, last_slot_at: null, created_at: now })
      .execute();
    return { pid: p.id, memberIds };
  }

  const needlesOf = (pid: string, name: string, memberIds: string[]) => [pid, name, ...memberIds, ...people.flatMap((p) => [p.name, p.aadObjectId, p.id])];

  it('removed from its Team: complete the day before the grace period ends, gone after it', async () => {
    const name = 'Leerlab Twente';
    const { pid, memberIds } = await partnershipIn(OTHER, name);
    const before = await whereFound(needlesOf(pid, name, memberIds));
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['partnerships', 'members', 'member_roles', 'schools', 'conversation_refs', 'nudge_optouts', 'reminders', 'partnership_settings']));

    const removedAt = now;
    await post(h.bot.messagesUrl, fromTeam(uninstallFromTeam(h.w()), OTHER));
    expect((await h.bot.app.services.repo.get(pid))!.removed_at).toBe(removedAt);
    // Teams also sends installationUpdate: the first removal time stays.
    now += MINUTE;
    await post(h.bot.messagesUrl, fromTeam(uninstallFromTeam(h.w()), OTHER));
    expect((await h.bot.app.services.repo.get(pid))!.removed_at).toBe(removedAt);

    now = removedAt + 29 * DAY;
    await jobs().runDue();
    expect(await whereFound(needlesOf(pid, name, memberIds))).toEqual(before);

    now = removedAt + 30 * DAY + 2 * DAY;
    await jobs().runDue();
    // Only the audit log still names the partnership (by id, as the one that was deleted).
    expect(await whereFound(needlesOf(pid, name, memberIds))).toEqual({ audit_log: [pid] });
    const entry = (await h.bot.store.db.selectFrom('audit_log').selectAll().where('partnership_id', '=', pid).execute()).find((e) => e.action === 'partnership-delete')!;
    expect(entry.actor_hash).toBeNull();
    expect(JSON.parse(entry.counts)).toMatchObject({ partnerships: 1, members: 2, member_roles: 2, schools: 1, nudge_optouts: 1, reminders: 1, partnership_settings: 1 });
  });

  it('reinstalling within the grace period cancels the deletion', async () => {
    const name = 'Leerlab Drenthe';
    const { pid, memberIds } = await partnershipIn(THIRD, name);
    const before = await whereFound(needlesOf(pid, name, memberIds));
    const removedAt = now;
    await post(h.bot.messagesUrl, fromTeam(uninstallFromTeam(h.w()), THIRD));
    now = removedAt + 10 * DAY;
    await post(h.bot.messagesUrl, fromTeam(installInTeam(h.w()), THIRD));
    const back = (await h.bot.app.services.repo.get(pid))!;
    expect([back.status, back.removed_at]).toEqual(['active', null]);
    now = removedAt + 40 * DAY;
    await jobs().runDue();
    const still = await whereFound(needlesOf(pid, name, memberIds));
    expect(Object.keys(still).sort(), JSON.stringify({ before: Object.keys(before), still: Object.keys(still) })).toEqual(Object.keys(before).sort());
  });

  it('partnerschap verwijderen: a wrong name changes nothing, the right one deletes it at once and tells the channel', async () => {
    const name = 'Leerlab Drenthe';
    const pid = (await h.bot.app.services.repo.findByTeam((await h.bot.app.services.repo.get(h.pid))!.tenant_id, THIRD))!.id;
    const memberIds = (await h.bot.store.db.selectFrom('members').select('id').where('partnership_id', '=', pid).execute()).map((r) => r.id);
    const [projectleider, docent] = people;

    await post(h.bot.messagesUrl, fromTeam(channelMessage(h.w(), docent!, 'partnerschap verwijderen'), THIRD));
    expect(h.connector.sent().at(-1)!.body.text).toBe(t.common.forbidden(t.ending.who));

    await post(h.bot.messagesUrl, fromTeam(channelMessage(h.w(), projectleider!, 'partnerschap verwijderen'), THIRD));
    const card = cardOf(h.connector.sent().at(-1)!.body);
    expect(textsOf(card)).toContain(t.ending.typeName(name));
    const confirm = buttonsOf(card).find((b) => b.title === t.ending.confirm)!;
    const before = await whereFound(needlesOf(pid, name, memberIds));

    const wrong = await h.invoke(fromTeam(execute(h.w(), projectleider!, confirm.verb!, confirm.data, { name: 'Leerlab Twente' }), THIRD));
    expect(wrong.value).toBe(t.ending.wrongName);
    const empty = await h.invoke(fromTeam(execute(h.w(), projectleider!, confirm.verb!, confirm.data), THIRD));
    expect(empty.value).toBe(t.ending.wrongName);
    // The docent cannot confirm either, even with the right name.
    expect((await h.invoke(fromTeam(execute(h.w(), docent!, confirm.verb!, confirm.data, { name }), THIRD))).value).toBe(t.common.forbidden(t.ending.who));
    expect(await whereFound(needlesOf(pid, name, memberIds))).toEqual(before);

    const sentBefore = h.connector.sentTo(THIRD).length;
    const right = await h.invoke(fromTeam(execute(h.w(), projectleider!, confirm.verb!, confirm.data, { name: '  leerlab DRENTHE ' }), THIRD));
    expect(right.value).toBe(t.ending.done);
    expect(h.connector.sentTo(THIRD).slice(sentBefore).map((r) => r.body.text)).toEqual([t.ending.channelNotice]);
    expect(await whereFound(needlesOf(pid, name, memberIds))).toEqual({ audit_log: [pid] });
    const entry = (await h.bot.store.db.selectFrom('audit_log').selectAll().where('partnership_id', '=', pid).where('action', '=', 'partnership-delete').execute())[0]!;
    expect(entry.actor_hash).toBe(await h.bot.app.services.audit.hash(projectleider!.aadObjectId));
    expect(JSON.parse(entry.counts)).toMatchObject({ partnerships: 1, members: 2, reminders: 1 });
    // The sample partnership is untouched.
    expect(await h.bot.app.services.repo.get(h.pid)).toBeDefined();
  });
});

describe('members who left the Team', () => {
  it('are erased by the retention run 30 days after they left (RETENTION_LEFT_MEMBERS_DAYS), not before', async () => {
    const leaver = u(40, 'Geesje Wolthuis');
    const [id] = await h.addMembers([{ user: leaver, roles: ['docent'] }]);
    await post(h.bot.messagesUrl, memberLeft(h.w(), leaver));
    const row = await h.bot.store.db.selectFrom('members').select(['in_team']).where('id', '=', id!).executeTakeFirst();
    expect(row?.in_team).toBe(0);
    const left = now;
    now = left + 29 * DAY;
    await jobs().runDue();
    expect(await rowsOf('members', 'id', id!)).toBe(1);
    now = left + 31 * DAY;
    await jobs().runDue();
    expect(await rowsOf('members', 'id', id!)).toBe(0);
    expect(await whereFound([id!, leaver.name, leaver.aadObjectId], ['audit_log'])).toEqual({});
    // Recorded as an erasure of that person, by the bot itself.
    expect(await h.bot.app.services.audit.wasSubject(leaver.aadObjectId, 'erase')).toBe(true);
  });
});
