import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { PartnershipRepo } from '../../src/partnership/repo.js';
import { HandledActivities } from '../../src/store/handledActivities.js';
import { migrate, type Store } from '../../src/store/db.js';
import { describeEachStore, freshDatabase, type TestDatabase } from '../helpers/db.js';

const person = (n: number, name: string) => ({ teamsUserId: `29:u${n}`, aadObjectId: `aad-${n}`, name });

describeEachStore('partnership store', (kind) => {
  let db: TestDatabase;
  let store: Store;
  let now = 1_000;
  let repo: PartnershipRepo;
  beforeEach(async () => {
    db = await freshDatabase(kind);
    store = await db.open();
    repo = new PartnershipRepo(store, () => now);
  });
  afterEach(async () => {
    await store.close();
    await db.drop();
  });

  it('migrates once; running the migrations again changes nothing', async () => {
    await migrate(store);
    const p = await repo.activateForTeam('t', '19:team');
    await migrate(store);
    expect((await repo.get(p.id))?.team_id).toBe('19:team');
    expect(await store.ping()).toBe(true);
  });

  it('finds a member by id with current roles and whether they are still in the Team (download links check this)', async () => {
    const p = await repo.activateForTeam('t', '19:team');
    const [a] = await repo.upsertMembers(p.id, [person(1, 'Sanne de Vries')]);
    await repo.assignMember(a!, p.id, { roles: ['projectleider', 'regiegroep'], schoolId: null, werkgroepIds: [] });
    const found = await repo.memberById(a!);
    expect({ partnershipId: found?.partnershipId, name: found?.name, inTeam: found?.inTeam, roles: [...(found?.roles ?? [])].sort() }).toEqual({ partnershipId: p.id, name: 'Sanne de Vries', inTeam: true, roles: ['projectleider', 'regiegroep'] });
    await repo.removeMember(p.id, 'aad-1');
    const gone = await repo.memberById(a!);
    expect({ inTeam: gone?.inTeam, roles: gone?.roles }).toEqual({ inTeam: false, roles: [] });
    expect(await repo.memberById('00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });

  it('activates a Team idempotently and deactivates it with its channel addresses', async () => {
    const a = await repo.activateForTeam('t', '19:team');
    const b = await repo.activateForTeam('t', '19:team');
    expect(b.id).toBe(a.id);
    await repo.saveConversation(
      { activityId: 'x', conversationId: '19:team', conversationType: 'channel', tenantId: 't', teamId: '19:team', serviceUrl: 'https://s/', botId: '28:b', from: person(1, 'A') },
      a.id,
    );
    expect((await repo.generalChannel(a.id))?.conversation_id).toBe('19:team');
    await repo.deactivate(a.id);
    expect((await repo.get(a.id))?.status).toBe('inactive');
    expect(await repo.generalChannel(a.id)).toBeUndefined();
  });

  it('syncs the roster: newcomers added, leavers lose roles and werkgroepen', async () => {
    const p = await repo.activateForTeam('t', '19:team');
    await repo.upsertMembers(p.id, [person(1, 'Sanne'), person(2, 'Pieter'), person(3, 'Fatima')]);
    const [wg] = await repo.replaceWerkgroepen(p.id, [{ name: 'Docenten', channelId: null, channelName: null }]);
    const pieter = (await repo.member(p.id, 'aad-2'))!;
    await repo.assignMember(pieter.id, p.id, { roles: ['docent'], schoolId: null, werkgroepIds: [wg!.id] });
    const { removed } = await repo.syncRoster(p.id, [person(1, 'Sanne'), person(3, 'Fatima'), person(4, 'Kees')]);
    expect(removed.map((m) => m.name)).toEqual(['Pieter']);
    expect((await repo.member(p.id, 'aad-2'))).toMatchObject({ inTeam: false, roles: [], werkgroepIds: [] });
    expect((await repo.members(p.id)).map((m) => m.name)).toEqual(['Fatima', 'Kees', 'Sanne']);
    expect(await repo.memberCount(p.id)).toBe(3);
    expect(await repo.partnershipsOf('t', 'aad-2')).toEqual([]);
    expect((await repo.partnershipsOf('t', 'aad-4')).map((x) => x.id)).toEqual([p.id]);
  });

  it('reads the Team, the acting member, their roles and werkgroepen in one query, as member() does', async () => {
    const p = await repo.activateForTeam('t', '19:team');
    await repo.upsertMembers(p.id, [person(1, 'Sanne'), person(2, 'Pieter')]);
    const [a, b] = await repo.replaceWerkgroepen(p.id, [
      { name: 'Zorg', channelId: null, channelName: null },
      { name: 'Techniek', channelId: null, channelName: null },
    ]);
    const sanne = (await repo.member(p.id, 'aad-1'))!;
    await repo.assignMember(sanne.id, p.id, { roles: ['regiegroep', 'docent'], schoolId: null, werkgroepIds: [b!.id, a!.id] });
    const found = await repo.teamScope('t', '19:team', 'aad-1');
    expect(found?.partnership).toEqual(await repo.get(p.id));
    // The scope's member equals member()'s view; a language is on it only once chosen.
    expect(found?.member).toEqual(await repo.member(p.id, 'aad-1'));
    expect(found?.member?.roles).toEqual(['docent', 'regiegroep']);
    expect(found?.member?.werkgroepIds).toEqual([a!.id, b!.id].sort());
    // Her own language choice arrives in the same query.
    await repo.setMemberLanguage('t', 'aad-1', 'en');
    expect((await repo.teamScope('t', '19:team', 'aad-1'))?.member?.language).toBe('en');
    // Pieter has no roles, a stranger is no member, another Team is no partnership.
    expect((await repo.teamScope('t', '19:team', 'aad-2'))?.member).toMatchObject({ name: 'Pieter', roles: [], werkgroepIds: [] });
    expect((await repo.teamScope('t', '19:team', 'aad-9'))?.member).toBeUndefined();
    expect(await repo.teamScope('t', '19:other', 'aad-1')).toBeUndefined();
  });

  it('reads the scopes of concurrent turns each their own (on PostgreSQL those arriving together in one statement)', async () => {
    const p = await repo.activateForTeam('t', '19:team');
    const q = await repo.activateForTeam('t', '19:second');
    await repo.upsertMembers(p.id, [person(1, 'Sanne'), person(2, 'Pieter')]);
    await repo.upsertMembers(q.id, [person(2, 'Pieter in de tweede')]);
    const sanne = (await repo.member(p.id, 'aad-1'))!;
    await repo.assignMember(sanne.id, p.id, { roles: ['projectleider'], schoolId: null, werkgroepIds: [] });
    const asks: Array<[string, string]> = [
      ['19:team', 'aad-1'],
      ['19:team', 'aad-2'],
      ['19:second', 'aad-2'],
      ['19:team', 'aad-9'],
      ['19:none', 'aad-1'],
      ['19:second', 'aad-1'],
      ['19:team', 'aad-1'],
    ];
    const statements = vi.spyOn(store.db, 'executeQuery');
    const found = await Promise.all(asks.map(([team, user]) => repo.teamScope('t', team, user)));
    const calls = statements.mock.calls.length;
    statements.mockRestore();
    expect(found.map((f) => f && [f.partnership.team_id, f.member?.name ?? null, f.member?.roles ?? null, f.setUp])).toEqual([
      ['19:team', 'Sanne', ['projectleider'], true],
      ['19:team', 'Pieter', [], true],
      ['19:second', 'Pieter in de tweede', [], false],
      ['19:team', null, null, true],
      undefined,
      ['19:second', null, null, false],
      ['19:team', 'Sanne', ['projectleider'], true],
    ]);
    // The first read goes at once, the six that came while it was in flight together after it.
    if (kind === 'postgres') expect(calls).toBe(2);
  });

  it('tells in the scope query whether a current Team member holds any role, as roleCounts does', async () => {
    const p = await repo.activateForTeam('t', '19:team');
    await repo.upsertMembers(p.id, [person(1, 'Sanne'), person(2, 'Pieter')]);
    const sanne = (await repo.member(p.id, 'aad-1'))!;
    expect((await repo.teamScope('t', '19:team', 'aad-2'))?.setUp).toBe(false);
    // Any role counts: once someone holds one, "instellen" is no longer open to everyone.
    await repo.assignMember(sanne.id, p.id, { roles: ['regiegroep'], schoolId: null, werkgroepIds: [] });
    // Also for a stranger asking: it is the partnership that is set up, not the asker.
    expect((await repo.teamScope('t', '19:team', 'aad-9'))?.setUp).toBe(true);
    expect((await repo.roleCounts(p.id)).roleHolders).toBe(1);
    // The only role holder leaves the Team: no longer set up, for both.
    await repo.syncRoster(p.id, [person(2, 'Pieter')]);
    expect((await repo.roleCounts(p.id)).roleHolders).toBe(0);
    expect((await repo.teamScope('t', '19:team', 'aad-2'))?.setUp).toBe(false);
  });

  it('reads a user’s partnerships with their member view in one query, as partnershipsOf and member() do', async () => {
    const north = await repo.activateForTeam('t', '19:north');
    const south = await repo.activateForTeam('t', '19:south');
    const gone = await repo.activateForTeam('t', '19:gone');
    const elsewhere = await repo.activateForTeam('other-tenant', '19:x');
    await repo.rename(north.id, 'Noord');
    await repo.rename(south.id, 'Zuid');
    for (const p of [north, south, gone, elsewhere]) await repo.upsertMembers(p.id, [person(1, 'Sanne'), person(2, 'Pieter')]);
    await repo.deactivate(gone.id);
    const sanneSouth = (await repo.member(south.id, 'aad-1'))!;
    await repo.assignMember(sanneSouth.id, south.id, { roles: ['projectleider', 'docent'], schoolId: null, werkgroepIds: [] });
    // Pieter left the northern Team.
    await repo.syncRoster(north.id, [person(1, 'Sanne')]);

    const sanne = await repo.memberScopes('t', 'aad-1');
    expect(sanne.map((s) => s.partnership)).toEqual(await repo.partnershipsOf('t', 'aad-1'));
    expect(sanne.map((s) => s.partnership.name)).toEqual(['Noord', 'Zuid']);
    expect(sanne.map((s) => s.member)).toEqual([await repo.member(north.id, 'aad-1'), await repo.member(south.id, 'aad-1')]);
    expect(sanne[1]!.member?.roles).toEqual(['docent', 'projectleider']);
    expect(sanne.map((s) => s.setUp)).toEqual([false, true]);
    expect((await repo.memberScopes('t', 'aad-2')).map((s) => s.partnership.name)).toEqual(['Zuid']);
    expect(await repo.memberScopes('t', 'aad-9')).toEqual([]);
  });

  it('keeps school ids when the list is edited by name, so members keep their school', async () => {
    const p = await repo.activateForTeam('t', '19:team');
    const [vo] = await repo.replaceSchools(p.id, [{ name: 'Vmbo De Schakel', type: 'vo' }]);
    await repo.upsertMembers(p.id, [person(1, 'Sanne')]);
    const m = (await repo.member(p.id, 'aad-1'))!;
    await repo.assignMember(m.id, p.id, { roles: ['docent', 'regiegroep'], schoolId: vo!.id, werkgroepIds: [] });
    const after = await repo.replaceSchools(p.id, [{ name: 'ROC Noord', type: 'mbo' }, { name: 'vmbo de schakel', type: 'vo' }]);
    expect(after.map((s) => s.name)).toEqual(['ROC Noord', 'vmbo de schakel']);
    expect(after[1]!.id).toBe(vo!.id);
    expect((await repo.member(p.id, 'aad-1'))).toMatchObject({ schoolId: vo!.id, roles: ['docent', 'regiegroep'] });
    expect(await repo.countRole(p.id, 'regiegroep')).toBe(1);
  });

  it('hands the projectleider role out once: a first setup only without roles, a successor only without a projectleider', async () => {
    const p = await repo.activateForTeam('t', '19:team');
    await repo.upsertMembers(p.id, [person(1, 'Sanne'), person(2, 'Pieter'), person(3, 'Fatima')]);
    const [sanne, pieter, fatima] = await Promise.all(['aad-1', 'aad-2', 'aad-3'].map(async (k) => (await repo.member(p.id, k))!));
    expect(await repo.roleCounts(p.id)).toEqual({ projectleiders: 0, roleHolders: 0 });
    // Two people running the first instellen at the same moment: exactly one becomes projectleider.
    const first = await Promise.all([repo.claimProjectleider(p.id, sanne!.id, 'first'), repo.claimProjectleider(p.id, pieter!.id, 'first')]);
    expect(first.filter(Boolean)).toHaveLength(1);
    expect(await repo.roleCounts(p.id)).toEqual({ projectleiders: 1, roleHolders: 1 });
    const winner = first[0] ? sanne! : pieter!;
    const other = first[0] ? pieter! : sanne!;
    await repo.assignMember(other.id, p.id, { roles: ['regiegroep', 'docent'], schoolId: null, werkgroepIds: [] });
    expect(await repo.roleCounts(p.id)).toEqual({ projectleiders: 1, roleHolders: 2 });
    expect(await repo.claimProjectleider(p.id, fatima!.id, 'first')).toBe(false);
    expect(await repo.claimProjectleider(p.id, fatima!.id, 'successor')).toBe(false);

    // The projectleider leaves: the search opens once; two regiegroep clicks at once assign one.
    await repo.removeMember(p.id, winner.userKey);
    expect(await repo.roleCounts(p.id)).toEqual({ projectleiders: 0, roleHolders: 1 });
    now = 5_000;
    expect((await Promise.all([repo.openSuccession(p.id), repo.openSuccession(p.id)])).sort()).toEqual([5_000, undefined]);
    expect(await repo.openSuccession(p.id)).toBeUndefined();
    expect((await repo.get(p.id))?.succession_since).toBe(5_000);
    expect(await repo.claimProjectleider(p.id, winner.id, 'successor')).toBe(false); // left the Team
    const next = await Promise.all([repo.claimProjectleider(p.id, fatima!.id, 'successor'), repo.claimProjectleider(p.id, other.id, 'successor')]);
    expect(next.filter(Boolean)).toHaveLength(1);
    expect(await repo.roleCounts(p.id)).toEqual({ projectleiders: 1, roleHolders: next[0] ? 2 : 1 });
    expect((await repo.get(p.id))?.succession_since).toBeNull();

    await repo.recordInstaller(p.id, 'aad-1');
    expect((await repo.get(p.id))?.installed_by).toBe('aad-1');
  });

  it('records handled activities: a duplicate is seen, a retried invoke gets the stored answer', async () => {
    const handled = new HandledActivities(store, { now: () => now });
    expect(await handled.claim('conv', 'a1')).toEqual({ kind: 'new' });
    expect(await handled.claim('conv', 'a1')).toEqual({ kind: 'duplicate', status: 'processing', response: undefined });
    await handled.finish('conv', 'a1', { status: 200, body: { value: 'x' } });
    expect(await handled.claim('conv', 'a1')).toEqual({ kind: 'duplicate', status: 'done', response: { status: 200, body: { value: 'x' } } });
    expect(await handled.claim('other-conv', 'a1')).toEqual({ kind: 'new' });
    // A claim left "processing" by a process that died is taken over after a minute.
    expect(await handled.claim('conv', 'a2')).toEqual({ kind: 'new' });
    now += 60_001;
    expect(await handled.claim('conv', 'a2')).toEqual({ kind: 'new' });
    now += 8 * 24 * 3600_000;
    expect(await handled.prune()).toBe(3);
  });

  it('writes claims and finishes that arrive together in one go, each with its own outcome (one statement on PostgreSQL)', async () => {
    const handled = new HandledActivities(store, { now: () => now });
    await Promise.all(['c0', 'c1', 'c2'].map((id) => handled.claim('conv', id)));
    const statements = vi.spyOn(store.db, 'executeQuery');
    // Turns c0-c2 finish while new turns d0-d2 arrive, one of them a retry of c1 and one twice.
    const [first, ...rest] = await Promise.all([
      handled.claim('conv', 'd0'),
      handled.finish('conv', 'c0', { status: 200, body: 'antwoord c0' }),
      handled.claim('conv', 'd1'),
      handled.finish('conv', 'c1', undefined),
      handled.claim('conv', 'c1'),
      handled.finish('conv', 'c2', undefined),
      handled.claim('conv', 'd2'),
      handled.claim('conv', 'd2'),
    ]);
    const calls = statements.mock.calls.length;
    statements.mockRestore();
    expect([first, ...rest]).toEqual([{ kind: 'new' }, undefined, { kind: 'new' }, undefined, { kind: 'duplicate', status: 'done', response: undefined }, undefined, { kind: 'new' }, { kind: 'duplicate', status: 'processing', response: undefined }]);
    // On PostgreSQL the writes are two statements: d0 alone, then the three finishes and four claims together.
    if (kind === 'postgres') expect(calls).toBe(2);
    expect(await handled.current('conv', 'c0')).toEqual({ kind: 'duplicate', status: 'done', response: { status: 200, body: 'antwoord c0' } });
    expect(await handled.current('conv', 'c2')).toEqual({ kind: 'duplicate', status: 'done', response: undefined });
    expect(await handled.current('conv', 'd1')).toEqual({ kind: 'duplicate', status: 'processing', response: undefined });
  });

  it('claims and finishes of concurrent turns, written together, each get their own answer', async () => {
    const handled = new HandledActivities(store, { now: () => now });
    // Already handled before the burst: its claim is a duplicate with its stored answer.
    await handled.claim('conv', 'old');
    await handled.finish('conv', 'old', { status: 200, body: 'eerder' });
    // Twenty claims at once, one of them twice (a retry close behind the first) and one old.
    const ids = [...Array.from({ length: 20 }, (_, i) => `b${i}`), 'b3', 'old'];
    const claims = await Promise.all(ids.map((id) => handled.claim('conv', id)));
    expect(claims.filter((c) => c.kind === 'new')).toHaveLength(20);
    expect(claims[3]).toEqual({ kind: 'new' });
    expect(claims[20]).toEqual({ kind: 'duplicate', status: 'processing', response: undefined });
    expect(claims[21]).toEqual({ kind: 'duplicate', status: 'done', response: { status: 200, body: 'eerder' } });
    // Twenty finishes at once: invokes (even) with an answer of their own, messages (odd) without.
    await Promise.all(Array.from({ length: 20 }, (_, i) => handled.finish('conv', `b${i}`, i % 2 === 0 ? { status: 200, body: `antwoord ${i}` } : undefined)));
    expect(await handled.current('conv', 'b4')).toEqual({ kind: 'duplicate', status: 'done', response: { status: 200, body: 'antwoord 4' } });
    expect(await handled.current('conv', 'b5')).toEqual({ kind: 'duplicate', status: 'done', response: undefined });
    const rows = await store.db.selectFrom('handled_activities').select(['activity_id', 'status', 'response']).where('activity_id', 'like', 'b%').execute();
    expect(rows).toHaveLength(20);
    expect(rows.every((r) => r.status === 'done')).toBe(true);
    expect(rows.filter((r) => r.response !== null).map((r) => JSON.parse(r.response!).body).sort()).toEqual(
      ['antwoord 0', 'antwoord 10', 'antwoord 12', 'antwoord 14', 'antwoord 16', 'antwoord 18', 'antwoord 2', 'antwoord 4', 'antwoord 6', 'antwoord 8'],
    );
  });
});
