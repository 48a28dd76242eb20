import { describe, expect, it } from 'vitest';
import { useInstalledBot } from '../helpers/installedBot.js';
import { STORE_KINDS } from '../helpers/db.js';
import { buttonsOf, cardOf, CHANNELS, channelMessage, execute, newestButton, personalConversationId, personalMessage, post, runIdOnChannelCard, TEAM_ID, textsOf, type User } from '../helpers/teams.js';
import { instrumentView } from '../../src/reflection/content/index.js';
import { userKeyOf } from '../../src/partnership/repo.js';

/**
 * Issue 16, from reflection to action, through the real bot on both databases with a fake
 * clock: the summary's points of attention become actions of the projectleider or the
 * regiegroep, each owner gets a 1:1 card and updates it there, the channel's list follows in
 * place, overdue owners are nudged on working mornings only, and the next summary shows the
 * actions per condition beside the change in the figures.
 */

const person = (n: number, name: string): User => ({ id: `29:acties-${n}-Qz`, aadObjectId: `aad-acties-${n}`, name });
const pl = person(1, 'Petra Leider'); // projectleider, Werkgroep zorg
const rg = person(2, 'Rob Regie'); // regiegroep
const dina = person(3, 'Dina Docent'); // docent vmbo, Werkgroep zorg
const tom = person(4, 'Tom Techniek'); // docent mbo, Werkgroep techniek
const vera = person(5, 'Vera Vakdocent'); // docent vmbo, Werkgroep zorg

const C3 = 'Aandacht voor persoonlijke relaties';
const C4 = 'Het professioneel organiseren van de samenwerking';
const C5 = 'Ontwerpen van een passend proces';

/** Run 1 per part (5 conditions, 3 domains): the same value for every statement; c4 and c5 lowest. */
const RUN1 = [4, 4, 3, 2, 2, 3, 5, 4];

function scenario(kind: (typeof STORE_KINDS)[number]) {
  // Tuesday 24 November 2026, 10:00 in Amsterdam; jobs run only when the test says so.
  let now = Date.UTC(2026, 10, 24, 9, 0);
  const h = useInstalledBot({ clock: { now: () => now }, database: kind });
  const ids: Record<string, string> = {};
  const personalChat = (who: User) => `a:personal-${who.id}`;
  const personal = (who: User, verb: string, data: Record<string, unknown>, inputs: Record<string, string> = {}) => h.invoke(execute(h.w({ where: 'personal' }), who, verb, data, inputs));
  const inChannel = (who: User, verb: string, data: Record<string, unknown>, inputs: Record<string, string> = {}) => h.invoke(execute(h.w(), who, verb, data, inputs));
  const lastCardTo = (conversationId: string) => cardOf(h.connector.sentTo(conversationId).filter((r) => cardOf(r.body)).at(-1)!.body);
  const nudges = (who: User) => h.connector.sentTo(personalChat(who)).filter((r) => String(r.body.text ?? '').startsWith('Je actie '));
  const at = async (utc: number) => {
    now = utc;
    await h.bot.app.services.jobs.runDue();
  };
  const actions = () => h.bot.app.actions.repo.forPartnership(h.pid);
  const listUpdates = () => h.connector.updates().filter((r) => /^Actieagenda/.test(textsOf(cardOf(r.body))[0] ?? ''));

  const startRun = async (date: string) => {
    await post(h.bot.messagesUrl, channelMessage(h.w(), pl, 'reflectie'));
    const data = newestButton(h.connector.sent(), 'Start de reflectie')!.data;
    await inChannel(pl, 'reflection.start', data, { who: 'all', date, time: '17:00', perSchool: 'false' });
    return runIdOnChannelCard(h.connector.sentTo(TEAM_ID));
  };
  /** Answers every condition and domain part with the values given per part, then sends. */
  const answer = async (runId: string, who: User, values: number[]) => {
    const view = instrumentView('1');
    for (const [k, value] of values.entries()) {
      const items = Object.fromEntries(view.parts[k]!.items.flatMap((item, i) => (item.kind === 'scale' ? [[`i${i}`, String(value)]] : [])));
      await personal(who, 'reflection.part', { runId, v: '1', part: String(k), nav: 'next', ...items });
    }
    expect((await personal(who, 'reflection.send', { runId, v: '1' })).value).toContain('Bedankt!');
  };
  const close = async () => {
    const before = h.connector.sentTo(TEAM_ID).length;
    await post(h.bot.messagesUrl, channelMessage(h.w(), pl, 'reflectie sluiten'));
    await h.bot.app.services.jobs.runDue();
    const summary = h.connector
      .sentTo(TEAM_ID)
      .slice(before)
      .find((r) => /^Uitslag reflectie/.test(textsOf(cardOf(r.body))[0] ?? ''));
    expect(summary).toBeDefined();
    return cardOf(summary!.body);
  };

  let summary1: any;
  let firstAction = '';

  it('sets up a partnership with two werkgroepen and closes a first reflection', async () => {
    const { repo } = h.bot.app.services;
    const [vo, mbo] = await repo.replaceSchools(h.pid, [{ name: 'Vmbo De Brug', type: 'vo' }, { name: 'ROC Rivierenland', type: 'mbo' }]);
    const [zorg, techniek] = await repo.replaceWerkgroepen(h.pid, [
      { name: 'Werkgroep zorg', channelId: CHANNELS.docenten.id, channelName: CHANNELS.docenten.name },
      { name: 'Werkgroep techniek', channelId: null, channelName: null },
    ]);
    await repo.rename(h.pid, 'Leerlab Rivierenland');
    const memberIds = await h.addMembers([
      { user: pl, roles: ['projectleider'], schoolId: null, werkgroepIds: [zorg!.id] },
      { user: rg, roles: ['regiegroep'], schoolId: mbo!.id },
      { user: dina, roles: ['docent'], schoolId: vo!.id, werkgroepIds: [zorg!.id] },
      { user: tom, roles: ['docent'], schoolId: mbo!.id, werkgroepIds: [techniek!.id] },
      { user: vera, roles: ['docent'], schoolId: vo!.id, werkgroepIds: [zorg!.id] },
    ]);
    [pl, rg, dina, tom, vera].forEach((u, i) => (ids[u.name] = memberIds[i]!));

    const runId = await startRun('2026-12-01');
    for (const who of [dina, tom, vera]) await answer(runId, who, RUN1);
    summary1 = await close();
    expect(textsOf(summary1)).toContain('Aandachtspunten');
  });

  it('the summary has a button per point of attention and "Actie toevoegen"', () => {
    const titles = buttonsOf(summary1).map((b) => b.title);
    expect(titles).toEqual([`Actie: ${C4}`, `Actie: ${C5}`, `Actie: ${C3}`, 'Actie toevoegen', expect.any(String)]);
    expect(buttonsOf(summary1).find((b) => b.title === `Actie: ${C4}`)!.data).toMatchObject({ pid: h.pid, link: 'c4' });
  });

  it('a docent cannot make an action: a Dutch refusal and nothing stored', async () => {
    const button = buttonsOf(summary1).find((b) => b.title === `Actie: ${C4}`)!;
    expect((await inChannel(dina, button.verb!, button.data)).value).toBe('Dit mag alleen de projectleider of de regiegroep.');
    const forged = await personal(dina, 'actions.create', { pid: h.pid }, { what: 'Ik geef mezelf een taak', owner: ids[dina.name]!, due: '2026-12-04', link: 'c4' });
    expect(forged.value).toBe('Dit mag alleen de projectleider of de regiegroep.');
    expect(await actions()).toEqual([]);
  });

  it('the projectleider makes an action from a point of attention; its owner gets a 1:1 card', async () => {
    const button = buttonsOf(summary1).find((b) => b.title === `Actie: ${C4}`)!;
    // Clicked in the channel, the form arrives in her 1:1 chat; the summary stays as it is.
    expect((await inChannel(pl, button.verb!, button.data)).value).toBe('Ik heb je het antwoord in je persoonlijke chat met Leerlab gestuurd.');
    const form = lastCardTo(personalChat(pl));
    expect(textsOf(form)[0]).toBe('Nieuwe actie');
    expect(JSON.stringify(form)).toContain('"value":"c4"');
    const save = buttonsOf(form).find((b) => b.title === 'Actie opslaan')!;

    // Bad input: a Dutch notice on the form, nothing stored.
    const noWhat = await personal(pl, save.verb!, save.data, { owner: ids[dina.name]!, due: '2026-12-04', link: 'c4' });
    expect(textsOf(noWhat.value)).toContain('Vul in wat jullie gaan doen.');
    const past = await personal(pl, save.verb!, save.data, { what: 'Overleg plannen', owner: ids[dina.name]!, due: '2026-11-20', link: 'c4' });
    expect(textsOf(past.value)).toContain('Kies een datum vandaag of later.');
    const stranger = await personal(pl, save.verb!, save.data, { what: 'Overleg plannen', owner: '00000000-0000-4000-8000-000000000009', due: '2026-12-04', link: 'c4' });
    expect(textsOf(stranger.value)).toContain('Deze persoon hoort niet (meer) bij het partnerschap. Kies iemand anders.');
    expect(textsOf((await personal(pl, save.verb!, save.data, { what: 'x', owner: ids[dina.name]!, due: '2026-12-04', link: 'c9' })).value)).toContain(
      'Deze conditie of dit domein ken ik niet. Kies er een uit de lijst.',
    );
    expect(await actions()).toEqual([]);

    // Friday 4 December 2026.
    const made = await personal(pl, save.verb!, save.data, { what: 'Vaste overlegmomenten van de werkgroep plannen', owner: ids[dina.name]!, due: '2026-12-04', link: 'c4' });
    expect(textsOf(made.value)).toContain('De actie is opgeslagen. Dina Docent krijgt haar in de persoonlijke chat.');
    const [stored] = await actions();
    expect(stored).toMatchObject({ what: 'Vaste overlegmomenten van de werkgroep plannen', owner_member_id: ids[dina.name], due_date: '2026-12-04', link_kind: 'condition', link_id: 'c4', status: 'open', created_by: ids[pl.name], source_run_id: save.data.runId });
    firstAction = stored!.id;

    const owner = lastCardTo(personalChat(dina));
    expect(textsOf(owner)).toEqual(['Jouw actie', 'Vaste overlegmomenten van de werkgroep plannen', 'Eigenaar: Dina Docent', 'Klaar op: 2026-12-04', 'Status: open', `Hoort bij: Conditie: ${C4}`]);
    expect(buttonsOf(owner).map((b) => b.title)).toEqual(['Bijwerken']);
  });

  it('acties in the channel; the regiegroep adds actions with "Actie toevoegen"', async () => {
    await post(h.bot.messagesUrl, channelMessage(h.w(), pl, 'acties'));
    const board = cardOf(h.connector.sent().filter((r) => /^Actieagenda/.test(textsOf(cardOf(r.body))[0] ?? '')).at(-1)!.body);
    expect(textsOf(board)).toEqual(['Actieagenda Leerlab Rivierenland', '1 actie nog te doen, waarvan 0 te laat.', 'Nog te doen', '**Vaste overlegmomenten van de werkgroep plannen** · Dina Docent · klaar op 2026-12-04 · open']);
    expect(buttonsOf(board).map((b) => b.title)).toEqual(['Werkgroep zorg', 'Werkgroep techniek', 'Actie toevoegen']);

    const add = buttonsOf(summary1).find((b) => b.title === 'Actie toevoegen')!;
    expect((await inChannel(rg, add.verb!, add.data)).value).toBe('Ik heb je het antwoord in je persoonlijke chat met Leerlab gestuurd.');
    const save = buttonsOf(lastCardTo(personalChat(rg))).find((b) => b.title === 'Actie opslaan')!;
    now += 60_000;
    await personal(rg, save.verb!, save.data, { what: 'Rooster voor gezamenlijke lessen maken', owner: ids[tom.name]!, due: '2026-12-04', link: 'c4' });
    now += 60_000;
    await personal(rg, save.verb!, save.data, { what: 'Procesbegeleider zoeken', owner: ids[vera.name]!, due: '2026-12-07', link: 'c5' });
    expect((await actions()).map((a) => a.what)).toEqual(['Vaste overlegmomenten van de werkgroep plannen', 'Rooster voor gezamenlijke lessen maken', 'Procesbegeleider zoeken']);
    // The channel's list was updated in place with each new action.
    expect(textsOf(cardOf(listUpdates().at(-1)!.body))[1]).toBe('3 acties nog te doen, waarvan 0 te laat.');
  });

  it('the owner updates status and a note; the channel list follows in place', async () => {
    const update = buttonsOf(lastCardTo(personalChat(dina))).find((b) => b.title === 'Bijwerken')!;
    const res = await personal(dina, update.verb!, update.data, { status: 'bezig', note: 'Eerste overleg staat op 1 december.' });
    const texts = textsOf(res.value);
    expect(texts).toContain('Bijgewerkt.');
    expect(texts).toContain('Status: bezig');
    expect(texts).toContain('Notities');
    // The note is the owner's own text, markdown escaped.
    expect(texts.filter((x) => x.startsWith('Dina Docent, '))).toEqual(['Dina Docent, di 24 november 2026 om 10:02: Eerste overleg staat op 1 december\\.']);
    const put = textsOf(cardOf(listUpdates().at(-1)!.body));
    expect(put).toContain('**Vaste overlegmomenten van de werkgroep plannen** · Dina Docent · klaar op 2026-12-04 · bezig');
    // Nothing changed: a Dutch line, nothing stored.
    expect((await personal(dina, update.verb!, update.data, { status: 'bezig' })).value).toBe('Kies een andere status of schrijf een notitie.');
    expect((await h.bot.app.actions.repo.notes(firstAction)).length).toBe(1);
  });

  it('an owner can update only their own; the regiegroep can update any', async () => {
    const data = { actionId: firstAction };
    expect((await personal(tom, 'actions.update', data, { status: 'klaar' })).value).toBe('Dit mag alleen de eigenaar van de actie, de projectleider of de regiegroep.');
    expect((await h.bot.app.actions.repo.get(firstAction))!.status).toBe('bezig');
    // A status that is not one of the four is refused by the schema.
    expect((await personal(dina, 'actions.update', data, { status: 'gedaan' })).value).toBe('Dit kon ik niet verwerken. Controleer wat je hebt ingevuld en probeer het opnieuw.');
    const byRegie = await personal(rg, 'actions.update', data, { note: 'Graag ook de mbo-docenten uitnodigen.' });
    expect(textsOf(byRegie.value)[0]).toBe('Actie');
    expect((await h.bot.app.actions.repo.notes(firstAction)).map((n) => n.author_member_id)).toEqual([ids[dina.name], ids[rg.name]]);
  });

  it('the list filters per werkgroep of the owner', async () => {
    await post(h.bot.messagesUrl, channelMessage(h.w(), pl, 'acties werkgroep techniek'));
    const filtered = cardOf(h.connector.sent().filter((r) => /^Actieagenda/.test(textsOf(cardOf(r.body))[0] ?? '')).at(-1)!.body);
    expect(textsOf(filtered).slice(0, 2)).toEqual(['Actieagenda Leerlab Rivierenland: Werkgroep techniek', '1 actie nog te doen, waarvan 0 te laat.']);
    expect(textsOf(filtered)).toContain('**Rooster voor gezamenlijke lessen maken** · Tom Techniek · klaar op 2026-12-04 · open');
    const zorg = buttonsOf(filtered).find((b) => b.title === 'Werkgroep zorg')!;
    const res = await inChannel(pl, zorg.verb!, zorg.data);
    expect(textsOf(res.value).slice(0, 2)).toEqual(['Actieagenda Leerlab Rivierenland: Werkgroep zorg', '2 acties nog te doen, waarvan 0 te laat.']);
    expect((await post(h.bot.messagesUrl, channelMessage(h.w(), pl, 'acties werkgroep sport'))).status).toBe(200);
    expect(h.connector.sent().at(-1)!.body.text).toBe('Die werkgroep ken ik niet. Typ **acties** voor alle acties, of kies een werkgroep op de kaart.');
  });

  it('overdue: the owner is nudged on the next working morning, never at the weekend or in the evening; opted out is not', async () => {
    await post(h.bot.messagesUrl, personalMessage(h.w(), tom, 'geen herinneringen'));
    // Dina's and Tom's actions were due Friday 4 December: overdue from Saturday 00:00, moved to Monday 08:00.
    await at(Date.UTC(2026, 11, 4, 23, 0)); // Saturday 00:00
    await at(Date.UTC(2026, 11, 5, 10, 0)); // Saturday 11:00
    await at(Date.UTC(2026, 11, 6, 19, 0)); // Sunday 20:00
    expect(nudges(dina)).toHaveLength(0);
    await at(Date.UTC(2026, 11, 7, 7, 0)); // Monday 08:00
    expect(nudges(dina).map((r) => r.body.text)).toEqual([
      'Je actie "Vaste overlegmomenten van de werkgroep plannen" had klaar moeten zijn op 2026-12-04. Zet de status op bezig, klaar of vervallen in de kaart van je actie, of spreek een nieuwe datum af met de projectleider.',
    ]);
    expect(nudges(tom)).toHaveLength(0);

    // Vera's was due Monday 7 December; the runner first gets to it on Tuesday at 19:30: evening, so Wednesday 08:00.
    await at(Date.UTC(2026, 11, 8, 18, 30)); // Tuesday 19:30
    expect(nudges(vera)).toHaveLength(0);
    await at(Date.UTC(2026, 11, 9, 7, 0)); // Wednesday 08:00
    expect(nudges(vera)).toHaveLength(1);
    // Once per action and date.
    await at(Date.UTC(2026, 11, 9, 9, 0));
    expect(nudges(dina)).toHaveLength(1);
    expect(nudges(vera)).toHaveLength(1);
  });

  it('acties marks the overdue ones; voortgang shows open and overdue per werkgroep', async () => {
    await post(h.bot.messagesUrl, channelMessage(h.w(), pl, 'acties'));
    const board = textsOf(cardOf(h.connector.sent().filter((r) => /^Actieagenda/.test(textsOf(cardOf(r.body))[0] ?? '')).at(-1)!.body));
    expect(board.slice(1)).toEqual([
      '3 acties nog te doen, waarvan 3 te laat.',
      'Nog te doen',
      '**Vaste overlegmomenten van de werkgroep plannen** · Dina Docent · klaar op 2026-12-04 · bezig, **te laat**',
      '**Rooster voor gezamenlijke lessen maken** · Tom Techniek · klaar op 2026-12-04 · open, **te laat**',
      '**Procesbegeleider zoeken** · Vera Vakdocent · klaar op 2026-12-07 · open, **te laat**',
    ]);
    await post(h.bot.messagesUrl, personalMessage(h.w(), pl, 'voortgang'));
    const progress = textsOf(lastCardTo(personalConversationId(pl)));
    const i = progress.indexOf('Acties');
    expect(progress.slice(i, i + 3)).toEqual(['Acties', 'Werkgroep zorg: 2 open, 2 te laat', 'Werkgroep techniek: 1 open, 1 te laat']);
  });

  it('a reminder to whoever has an overdue action goes personally, on a working morning, not to who opted out', async () => {
    const text = 'Kijk even naar je acties die te laat zijn.';
    // Saturday 12 December 10:00 falls in a weekend: it moves to Monday 14 December 08:00.
    const made = await inChannel(rg, 'reminders.create', { pid: h.pid }, { template: 'free', text, kind: 'once', date: '2026-12-12', time: '10:00', target: 'actionOwners' });
    expect(made.value).toBe('Herinnering opgeslagen. De eerste gaat ma 14 december 2026 om 08:00 (verschoven: docenten krijgen geen herinneringen in de avond, het weekend of een vakantie).');
    const reminded = (who: User) => h.connector.sentTo(personalChat(who)).filter((r) => r.body.text === text);
    now = Date.UTC(2026, 11, 12, 9, 0);
    await h.bot.app.reminders.tick();
    expect([dina, tom, vera, pl, rg].map((u) => reminded(u).length)).toEqual([0, 0, 0, 0, 0]);
    now = Date.UTC(2026, 11, 14, 7, 0);
    await h.bot.app.reminders.tick();
    // Dina and Vera have overdue actions; Tom has one too but switched nudges off.
    expect([dina, tom, vera, pl, rg].map((u) => reminded(u).length)).toEqual([1, 0, 1, 0, 0]);
  });

  it("the next run's summary shows per condition the linked actions beside the change", async () => {
    const dinaCard = buttonsOf(lastCardTo(personalChat(dina))).find((b) => b.title === 'Bijwerken')!;
    expect(textsOf((await personal(dina, dinaCard.verb!, dinaCard.data, { status: 'klaar' })).value)).toContain('Status: klaar');
    const runId = await startRun('2026-12-18');
    // c4 rises from 2,0 to 2,3 (3, 2 and 2); the rest stays the same.
    await answer(runId, dina, [4, 4, 3, 3, 2, 3, 5, 4]);
    await answer(runId, tom, RUN1);
    await answer(runId, vera, RUN1);
    const summary2 = textsOf(await close());
    expect(summary2).toContain(`${C4}: sinds vorige keer: +0,3; 1 actie klaar, 1 open`);
    expect(summary2).toContain(`${C5}: sinds vorige keer: 0,0; 1 actie open`);
    expect(summary2).toContain(`${C3}: 0,0`);
  });

  it("mijn gegevens holds Dina's action and note; erasing her leaves the actions without her ids", async () => {
    const { personalData } = h.bot.app.services;
    const person = { id: ids[dina.name]!, partnershipId: h.pid, userKey: userKeyOf({ aadObjectId: dina.aadObjectId, teamsUserId: dina.id }), teamsUserId: dina.id, aadObjectId: dina.aadObjectId, name: dina.name };
    const mine = (await personalData.exportMember(person)).filter((e) => e.table.startsWith('action'));
    expect(mine.map((e) => [e.category, e.table, e.label, e.value])).toEqual([
      ['texts', 'action_notes', 'Notitie bij een actie', 'Eerste overleg staat op 1 december.'],
      ['tasks', 'actions', 'Eigenaar van een actie (klaar op 2026-12-04, klaar)', 'Vaste overlegmomenten van de werkgroep plannen'],
    ]);
    const counts = await personalData.eraseMember(person, { stillInTeam: true, reason: 'self' });
    expect(counts).toMatchObject({ actions: 1, action_notes: 1 });
    const action = (await h.bot.app.actions.repo.get(firstAction))!;
    expect(action.owner_member_id).toBeNull();
    expect((await h.bot.app.actions.repo.notes(firstAction)).map((n) => n.author_member_id)).toEqual(['oud-lid', ids[rg.name]]);
    expect((await personalData.exportMember(person)).filter((e) => e.table.startsWith('action'))).toEqual([]);
  });

  it('partnerschap verwijderen takes the actions, their notes and the list card with it', async () => {
    expect((await actions()).length).toBe(3);
    await h.bot.app.services.retention.deletePartnership(h.pid, undefined);
    const { db } = h.bot.store;
    expect(await db.selectFrom('actions').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('action_notes').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('action_boards').selectAll().execute()).toEqual([]);
  });
}

for (const kind of STORE_KINDS) describe(`actions from a reflection summary [${kind}]`, () => scenario(kind));
