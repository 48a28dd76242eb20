import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../helpers/botServer.js';
import { startConnector, type FakeConnector } from '../helpers/connector.js';
import { buttonsOf, cardOf, channelMessage, execute, installInTeam, memberLeft, post, rosterOf, TEAM_ID, TENANT_ID, textsOf, USERS, type User } from '../helpers/teams.js';
import type { Role } from '../../src/partnership/roles.js';

/**
 * Nobody hands themselves a role (issue 12, "Roles"), over the Bot Framework protocol: the
 * install activity's `from`, a missed install, the last projectleider leaving while the
 * regiegroep is still there, and the regiegroep's 1:1 card.
 */

const { sanne, pieter, fatima, kees, marloes } = USERS;
const VACANT =
  'Er is nu geen projectleider, want de vorige projectleider is uit het Team gegaan. De regiegroep kiest een nieuwe projectleider. Tot die tijd kan niemand de instellingen wijzigen.';

let connector: FakeConnector;
let bot: RunningBot;
const w = (extra: Record<string, unknown> = {}) => ({ serviceUrl: connector.serviceUrl, ...extra });

async function start(roster: User[]) {
  connector = await startConnector();
  connector.setRoster(TEAM_ID, rosterOf(roster));
  connector.setChannels(TEAM_ID, [{ id: TEAM_ID }]);
  // Jobs (the General lines, the regiegroep cards) run when the test says so: see settled().
  bot = await startBot({ clock: { now: () => Date.now() } });
}
afterEach(async () => {
  await bot?.stop();
  await connector?.close();
});

const partnership = async () => (await bot.app.services.repo.findByTeam(TENANT_ID, TEAM_ID))!;
async function rolesOf(who: User): Promise<Role[] | undefined> {
  return (await bot.app.services.repo.member((await partnership()).id, who.aadObjectId))?.roles;
}
/** Every member's roles by name, to show that a refused attempt changed nothing. */
async function allRoles(): Promise<Record<string, Role[]>> {
  const p = await partnership();
  const rows = await bot.store.db.selectFrom('members').select(['id', 'name']).where('partnership_id', '=', p.id).orderBy('name').execute();
  const out: Record<string, Role[]> = {};
  for (const r of rows) out[r.name] = (await bot.app.services.repo.memberIn(p.id, r.id))!.roles;
  return out;
}
/** What reached a conversation once the jobs due now have run. */
async function settled(conversationId: string) {
  await bot.app.services.jobs.runDue();
  return connector.sentTo(conversationId);
}
/** What the bot posted top-level in General (not replies in a thread), as text. */
const generalLines = async () => (await settled(TEAM_ID)).map((r) => r.body.text).filter(Boolean);
async function say(who: User, text: string): Promise<any> {
  const before = connector.sent().length;
  expect((await post(bot.messagesUrl, channelMessage(w(), who, text))).status).toBe(200);
  const reply = connector.sent().slice(before).find((r) => r.conversationId !== TEAM_ID)!;
  return cardOf(reply.body) ?? reply.body.text;
}
async function invoke(activity: unknown): Promise<any> {
  const res = await post(bot.messagesUrl, activity);
  expect(res.status).toBe(200);
  return (res.body as { value: unknown }).value;
}
async function assign(people: Array<[User, Role[]]>) {
  const { repo } = bot.app.services;
  const p = await partnership();
  for (const [who, roles] of people) await repo.assignMember((await repo.member(p.id, who.aadObjectId))!.id, p.id, { roles, schoolId: null, werkgroepIds: [] });
}
const personalOf = (who: User) => `a:personal-${who.id}`;
/** Adds the bot to the Team as `by`, and lets what that sends go out first. */
async function install(by: User) {
  expect((await post(bot.messagesUrl, installInTeam(w(), by))).status).toBe(200);
  await bot.app.services.jobs.runDue();
}

describe('who becomes projectleider', () => {
  it('the person who added the bot, when on the roster: projectleider on install, announced in General', async () => {
    await start([sanne, pieter, marloes]);
    await install(marloes);
    expect(await rolesOf(marloes)).toEqual(['projectleider']);
    expect(await rolesOf(sanne)).toEqual([]);
    expect(await generalLines()).toEqual(['Marloes Visser heeft Leerlab ingesteld en is projectleider.']);
    expect((await partnership()).installed_by).toBe(marloes.aadObjectId);

    // Sanne typing instellen first does not make her projectleider.
    expect(await say(sanne, 'instellen')).toBe('Dit mag alleen de projectleider van dit partnerschap.');
    const basics = await say(marloes, 'instellen');
    expect(textsOf(basics)).toContain('Jij bent nu projectleider van dit partnerschap, omdat je Leerlab aan het Team hebt toegevoegd.');
    expect(await generalLines()).toHaveLength(1);
  });

  it('an installer outside the roster (an admin install) gets no role; the first instellen does', async () => {
    await start([sanne, pieter]);
    const admin: User = { id: '29:1999AdminOutsideTheTeam', aadObjectId: 'a1b2c3d4-0000-4000-8000-000000000999', name: 'Beheerder' };
    await install(admin);
    expect(await allRoles()).toEqual({ 'Pieter Bakker': [], 'Sanne de Vries': [] });
    expect(await generalLines()).toEqual([]);

    const basics = await say(pieter, 'instellen');
    expect(textsOf(basics)).toContain('Jij bent nu projectleider van dit partnerschap, omdat je het als eerste instelt.');
    expect(await allRoles()).toEqual({ 'Pieter Bakker': ['projectleider'], 'Sanne de Vries': [] });
    expect(await generalLines()).toEqual(['Pieter Bakker heeft Leerlab ingesteld en is projectleider.']);
  });

  it('a missed install: the first instellen becomes projectleider, with the line in General; the second is refused', async () => {
    await start([sanne, pieter, fatima]);
    const basics = await say(fatima, 'instellen');
    expect(textsOf(basics)).toContain('Jij bent nu projectleider van dit partnerschap, omdat je het als eerste instelt.');
    expect(await allRoles()).toEqual({ 'Fatima el Amrani': ['projectleider'], 'Pieter Bakker': [], 'Sanne de Vries': [] });
    // Nothing was stored for General (no install event): the line went to the Team's General channel anyway.
    expect(await generalLines()).toEqual(['Fatima el Amrani heeft Leerlab ingesteld en is projectleider.']);
    expect((await bot.app.services.repo.generalChannel((await partnership()).id))?.conversation_id).toBe(TEAM_ID);

    expect(await say(sanne, 'instellen')).toBe('Dit mag alleen de projectleider van dit partnerschap.');
    expect(await rolesOf(sanne)).toEqual([]);
    expect(await generalLines()).toHaveLength(1);
  });

  it('the roster could not be read on install: the first instellen still makes the installer projectleider', async () => {
    await start([sanne, pieter]);
    connector.rules.push((r) => (r.path.endsWith('/pagedmembers') ? { status: 403, body: { error: { code: 'Forbidden' } } } : undefined));
    await install(sanne);
    expect(await allRoles()).toEqual({});
    connector.rules.length = 0;

    expect(await say(pieter, 'instellen')).toBe('Sanne de Vries heeft Leerlab aan het Team toegevoegd en is daarom projectleider. Vraag Sanne de Vries om het partnerschap in te stellen.');
    expect(await allRoles()).toEqual({ 'Pieter Bakker': [], 'Sanne de Vries': ['projectleider'] });
    expect(await generalLines()).toEqual(['Sanne de Vries heeft Leerlab ingesteld en is projectleider.']);
  });

  it('names with markdown in the General line are escaped', async () => {
    const odd: User = { ...kees, name: 'Kees *Jansen*' };
    await start([odd]);
    await install(odd);
    expect(await generalLines()).toEqual(['Kees \\*Jansen\\* heeft Leerlab ingesteld en is projectleider.']);
  });
});

describe('the last projectleider leaves', () => {
  it('the takeover: a docent typing instellen while a regiegroep member is present is refused and changes nothing', async () => {
    await start([sanne, pieter, fatima, kees, marloes]);
    await install(sanne);
    await assign([
      [pieter, ['docent']],
      [marloes, ['regiegroep']],
      [fatima, ['regiegroep', 'docent']],
    ]);
    const pid = (await partnership()).id;
    connector.setRoster(TEAM_ID, rosterOf([pieter, fatima, kees, marloes]));
    await post(bot.messagesUrl, memberLeft(w(), sanne));
    const before = await allRoles();
    expect(before).toEqual({
      'Fatima el Amrani': ['docent', 'regiegroep'],
      'Kees Jansen': [],
      'Marloes Visser': ['regiegroep'],
      'Pieter Bakker': ['docent'],
      'Sanne de Vries': [],
    });

    expect(await say(pieter, 'instellen')).toBe(VACANT);
    expect(await say(kees, 'instellen')).toBe(VACANT);
    // Replaying a setup card is refused the same way, and so is a regiegroep member's instellen.
    expect(await invoke(execute(w(), pieter, 'setup.basics', { pid }, { name: 'Kaping', s0_name: 'X', s0_type: 'vo' }))).toBe(VACANT);
    expect(await say(marloes, 'instellen')).toBe(VACANT);
    expect(await allRoles()).toEqual(before);
    expect((await partnership()).name).toBeNull();

    // Each regiegroep member got the card in their 1:1 chat, once.
    for (const who of [marloes, fatima]) {
      const cards = (await settled(personalOf(who))).map((r) => cardOf(r.body));
      expect(cards.map((c) => textsOf(c)[0])).toEqual(['Kies een nieuwe projectleider']);
    }
    expect(await settled(personalOf(pieter))).toEqual([]);
    // The card offers the current members, role holders first; not Sanne, who left.
    const card = cardOf((await settled(personalOf(marloes)))[0]!.body);
    const choices = JSON.stringify(card).match(/"title":"[^"]+","value":"[0-9a-f-]{36}"/g)!.map((c) => c.split('"')[3]);
    expect(choices).toEqual(['Fatima el Amrani', 'Marloes Visser', 'Pieter Bakker', 'Kees Jansen']);
    // A second event about the same departure (a retry with a new id) sends nothing more.
    await post(bot.messagesUrl, memberLeft(w(), sanne));
    expect(await settled(personalOf(marloes))).toHaveLength(1);
  });

  it('the regiegroep card assigns the next projectleider, checked server-side, once; General gets the line', async () => {
    await start([sanne, pieter, fatima, kees, marloes]);
    await install(sanne);
    await assign([
      [pieter, ['docent']],
      [marloes, ['regiegroep']],
      [fatima, ['regiegroep']],
    ]);
    const { repo } = bot.app.services;
    const pid = (await partnership()).id;
    const id = async (who: User) => (await repo.member(pid, who.aadObjectId))!.id;
    await post(bot.messagesUrl, memberLeft(w(), sanne));
    const card = cardOf((await settled(personalOf(marloes)))[0]!.body);
    const button = buttonsOf(card).find((b) => b.title === 'Projectleider kiezen')!;
    expect(button).toMatchObject({ verb: 'setup.successor', data: { pid } });
    const before = await allRoles();
    const choose = (who: User, member: string) => invoke(execute(w({ where: 'personal' }), who, 'setup.successor', button.data, { member }));

    // A docent replaying the card, someone who left, and a bad id: refused, nothing changes.
    expect(await choose(pieter, await id(pieter))).toBe('Dit mag alleen de regiegroep van dit partnerschap.');
    expect(await choose(marloes, await id(sanne))).toBe('Deze persoon hoort niet (meer) bij het Team. Kies iemand anders.');
    expect(await choose(marloes, 'not-a-uuid')).toBe('Dit kon ik niet verwerken. Controleer wat je hebt ingevuld en probeer het opnieuw.');
    expect(await invoke(execute(w({ where: 'personal' }), marloes, 'setup.successor', button.data))).toBe('Kies wie de nieuwe projectleider wordt.');
    expect(await allRoles()).toEqual(before);

    const done = await choose(marloes, await id(kees));
    expect(textsOf(done)).toEqual(['Nieuwe projectleider gekozen', 'Kees Jansen is nu projectleider. Ik heb het in het kanaal Algemeen gemeld.']);
    expect(buttonsOf(done)).toEqual([]);
    expect(await rolesOf(kees)).toEqual(['projectleider']);
    expect((await generalLines()).at(-1)).toBe('Kees Jansen is de nieuwe projectleider van Leerlab. Marloes Visser heeft dat namens de regiegroep gekozen.');
    const lines = (await generalLines()).length;

    // Fatima clicks her own card a moment later: told who was chosen, nothing changes.
    const late = await choose(fatima, await id(pieter));
    expect(textsOf(late)[1]).toBe('Er is al een projectleider gekozen: Kees Jansen. Er is niets veranderd.');
    expect(await rolesOf(pieter)).toEqual(['docent']);
    expect(await generalLines()).toHaveLength(lines);
    expect((await partnership()).succession_since).toBeNull();
    // One role change in the audit log for the choice, by Marloes (as a hash), not two.
    const marloesKey = (await bot.app.services.repo.member((await partnership()).id, marloes.aadObjectId))!.userKey;
    const byMarloes = (await bot.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'role-change').execute());
    const hash = await bot.app.services.audit.hash(marloesKey);
    expect(byMarloes.filter((r) => r.actor_hash === hash).map((r) => r.counts)).toEqual(['{"members":1}']);

    // Kees now runs the setup.
    expect(textsOf(await say(kees, 'instellen'))[0]).toBe('Partnerschap instellen (stap 1 van 3)');
  });

  it('when nobody with a role is left, the next instellen starts over, announced again', async () => {
    await start([sanne, pieter, kees]);
    await install(sanne);
    await post(bot.messagesUrl, memberLeft(w(), sanne));
    expect(await allRoles()).toEqual({ 'Kees Jansen': [], 'Pieter Bakker': [], 'Sanne de Vries': [] });
    connector.setRoster(TEAM_ID, rosterOf([pieter, kees]));
    const basics = await say(pieter, 'instellen');
    expect(textsOf(basics)).toContain('Jij bent nu projectleider van dit partnerschap, omdat je het als eerste instelt.');
    expect(await generalLines()).toEqual(['Sanne de Vries heeft Leerlab ingesteld en is projectleider.', 'Pieter Bakker heeft Leerlab ingesteld en is projectleider.']);
  });

  it('without a regiegroep to choose, General is told and the setup stays read-only', async () => {
    await start([sanne, pieter]);
    await install(sanne);
    await assign([[pieter, ['docent']]]);
    await post(bot.messagesUrl, memberLeft(w(), sanne));
    expect((await generalLines()).at(-1)).toBe(
      'De laatste projectleider is uit het Team gegaan en er is niemand in de regiegroep die een nieuwe projectleider kan kiezen. De instellingen blijven zoals ze zijn. Pas als niemand in het Team nog een rol heeft, kan iemand Leerlab opnieuw instellen.',
    );
    expect(await say(pieter, 'instellen')).toBe(VACANT);
    expect(await rolesOf(pieter)).toEqual(['docent']);
  });
});
