import { beforeAll, describe, expect, it } from 'vitest';
import { useInstalledBot } from '../helpers/installedBot.js';
import { utf16Bytes } from '../../src/cards/render.js';
import { BOT, buttonsOf, cardOf, channelMessage, execute, personalMessage, post, TEAM_ID, TENANT_ID, textsOf, type User, runIdOnChannelCard, newestButton } from '../helpers/teams.js';

const u = (n: number, name: string): User => ({ id: `29:v${n}`, aadObjectId: `aad-v-${n}`, name });
const marloes = u(1, 'Marloes Visser'); // regiegroep
const pieter = u(2, 'Pieter Bakker'); // docent
const sanne = u(3, 'Sanne de Vries'); // projectleider
const fatima = u(4, 'Fatima el Amrani'); // docent
const anna = u(5, 'Anna de Boer'); // docent, switched nudges off

let now = Date.UTC(2026, 10, 24, 9, 0); // Tuesday 24 November 2026, 10:00 in Amsterdam
const s = useInstalledBot({ clock: { now: () => now } });
const { w, invoke } = s;
const toChat = (who: User) => `a:personal-${who.id}`;

beforeAll(async () => {
  const { repo } = s.bot.app.services;
  const p = (await repo.get(s.pid))!;
  const ids = await repo.upsertMembers(p.id, [marloes, pieter, sanne, fatima, anna].map((x) => ({ teamsUserId: x.id, aadObjectId: x.aadObjectId, name: x.name })));
  await repo.setRoles(ids[0]!, p.id, ['regiegroep']);
  await repo.setRoles(ids[1]!, p.id, ['docent']);
  await repo.setRoles(ids[2]!, p.id, ['projectleider']);
  await repo.setRoles(ids[3]!, p.id, ['docent']);
  await repo.setRoles(ids[4]!, p.id, ['docent']);
});

describe('schoolvakanties per partnership', () => {
  it('a docent may not change them', async () => {
    await post(s.bot.messagesUrl, channelMessage(w(), pieter, 'vakanties'));
    expect(s.connector.sent().at(-1)!.body.text).toBe('Dit mag alleen de projectleider of de regiegroep.');
    expect((await invoke(execute(w(), pieter, 'holidays.region', { pid: s.pid }, { region: 'noord' }))).value).toBe('Dit mag alleen de projectleider of de regiegroep.');
    expect(await s.bot.app.services.calendar.schoolHolidays(s.pid)).toEqual([]);
  });

  it('the regiegroep picks region midden, adds a study day and removes a shipped week; bad input changes nothing', async () => {
    await post(s.bot.messagesUrl, channelMessage(w(), marloes, 'vakanties'));
    const first = cardOf(s.connector.sent().at(-1)!.body);
    expect(textsOf(first)).toContain('Er is nog geen vakantieregio gekozen. Kies de regio van de scholen, dan gaan persoonlijke herinneringen niet in de vakanties.');
    expect(textsOf(first)).toContain('Geen vakanties of vrije dagen.');

    // Teams sends every input of the card; the empty ones are left out.
    expect((await invoke(execute(w(), marloes, 'holidays.region', { pid: s.pid }, {}))).value).toBe('Kies een vakantieregio.');
    expect((await invoke(execute(w(), marloes, 'holidays.region', { pid: s.pid }, { region: 'oost' }))).value).toBe('Dit kon ik niet verwerken. Controleer wat je hebt ingevuld en probeer het opnieuw.');
    const midden = await invoke(execute(w(), marloes, 'holidays.region', { pid: s.pid }, { region: 'midden' }));
    const lines = textsOf(midden.value).filter((x) => x.startsWith('**'));
    // It is 24 November 2026: the autumn holiday is over and no longer listed.
    // Each shipped holiday says whether the government fixed it or only advises it.
    expect(lines).toEqual([
      '**Kerstvakantie**: za 19 december 2026 t/m zo 3 januari 2027 (vastgesteld)',
      '**Voorjaarsvakantie**: za 13 februari 2027 t/m zo 21 februari 2027 (adviesdatum)',
      '**Meivakantie**: za 24 april 2027 t/m zo 2 mei 2027 (vastgesteld)',
      '**Zomervakantie**: za 3 juli 2027 t/m zo 15 augustus 2027 (vastgesteld)',
      '**Herfstvakantie**: za 16 oktober 2027 t/m zo 24 oktober 2027 (adviesdatum)',
      '**Kerstvakantie**: za 25 december 2027 t/m zo 9 januari 2028 (vastgesteld)',
      '**Voorjaarsvakantie**: za 26 februari 2028 t/m zo 5 maart 2028 (adviesdatum)',
      '**Meivakantie**: za 29 april 2028 t/m zo 7 mei 2028 (vastgesteld)',
      '**Zomervakantie**: za 8 juli 2028 t/m zo 20 augustus 2028 (vastgesteld)',
    ]);

    expect((await invoke(execute(w(), marloes, 'holidays.add', { pid: s.pid }, { region: 'midden', from: '2026-12-07' }))).value).toBe('Geef de vrije dag of week een naam.');
    expect((await invoke(execute(w(), marloes, 'holidays.add', { pid: s.pid }, { region: 'midden', name: 'Studiedag', from: '07-12-2026' }))).value).toBe('Vul een geldige datum in.');
    expect((await invoke(execute(w(), marloes, 'holidays.add', { pid: s.pid }, { region: 'midden', name: 'Studiedag', from: '2026-12-08', to: '2026-12-07' }))).value).toBe('De einddatum ligt vóór de begindatum.');
    expect(await s.bot.app.services.calendar.schoolHolidays(s.pid)).toHaveLength(10);
    const added = await invoke(execute(w(), marloes, 'holidays.add', { pid: s.pid }, { region: 'midden', name: 'Studiedag', from: '2026-12-07' }));
    expect(textsOf(added.value)).toContain('**Studiedag**: ma 7 december 2026 (zelf toegevoegd)');

    const remove = buttonsOf(added.value).find((b) => b.title === 'Verwijderen' && b.data.key === '2027-02-13|2027-02-21')!;
    const removed = await invoke(execute(w(), marloes, 'holidays.remove', remove.data, { region: 'midden' }));
    expect(textsOf(removed.value).filter((x) => x.startsWith('**Voorjaarsvakantie'))).toEqual(['**Voorjaarsvakantie**: za 26 februari 2028 t/m zo 5 maart 2028 (adviesdatum)']);
    expect((await invoke(execute(w(), marloes, 'holidays.remove', remove.data, { region: 'midden' }))).value).toBe('Die vakantie staat niet (meer) in de lijst.');
    expect((await invoke(execute(w(), marloes, 'holidays.remove', { pid: s.pid, key: '2026-12-01|2026-12-02' }))).value).toBe('Die vakantie staat niet (meer) in de lijst.');
    expect((await s.bot.app.services.calendar.schoolHolidays(s.pid)).filter((h) => h.to < '2027-09-01').map((h) => h.name)).toEqual(['Herfstvakantie', 'Studiedag', 'Kerstvakantie', 'Meivakantie', 'Zomervakantie']);
    // At most 30 own days (the card must stay under 28 KB); days in 2028 do not touch the tests below.
    for (let d = 1; d <= 29; d++) await s.bot.app.services.calendar.addHoliday(s.pid, { name: `Vrij ${d}`, from: `2028-01-${String(d).padStart(2, '0')}`, to: `2028-01-${String(d).padStart(2, '0')}` });
    expect((await invoke(execute(w(), marloes, 'holidays.add', { pid: s.pid }, { name: 'Nog een', from: '2028-02-01' }))).value).toBe('Er staan al 30 eigen vrije dagen in de lijst. Verwijder er eerst een.');
    const full = await invoke(execute(w(), marloes, 'holidays.show', { pid: s.pid }));
    expect(utf16Bytes(full.value)).toBeLessThan(28 * 1024);
    // "Terug naar herinneringen" sends the holiday card's inputs along, as the Playground does.
    const back = buttonsOf(removed.value).find((b) => b.title === 'Terug naar herinneringen')!;
    const list = await invoke(execute(w(), marloes, back.verb!, back.data, { region: 'midden', name: 'Nog een dag' }));
    expect(textsOf(list.value)[0]).toBe('Herinneringen');
  });

  it('a weekly reminder skips the study day and the Christmas holiday', async () => {
    const ok = await invoke(execute(w(), marloes, 'reminders.create', { pid: s.pid }, { template: 'meeting', kind: 'weekly', date: '2026-12-07', time: '09:00', every: '1', target: 'channel' }));
    // Monday 7 December is the study day, so the first one really goes on 14 December.
    expect(ok.value).toBe('Herinnering opgeslagen. De eerste gaat ma 14 december 2026 om 09:00 (vakanties worden overgeslagen).');
    const sent = () => s.connector.sentTo(TEAM_ID).filter((r) => String(r.body.text ?? '').startsWith('Herinnering: bereid de vergadering'));
    const mondays = [
      [Date.UTC(2026, 11, 7, 8, 0), { holiday: 1 }, 0], // Studiedag
      [Date.UTC(2026, 11, 14, 8, 0), { sent: 1 }, 1],
      [Date.UTC(2026, 11, 21, 8, 0), { holiday: 1 }, 1], // Kerstvakantie
      [Date.UTC(2026, 11, 28, 8, 0), { holiday: 1 }, 1],
      [Date.UTC(2027, 0, 4, 8, 0), { sent: 1 }, 2],
    ] as const;
    for (const [at, outcome, total] of mondays) {
      now = at;
      expect(await s.bot.app.reminders.tick()).toEqual(outcome);
      expect(sent()).toHaveLength(total);
    }
    const listed = await invoke(execute(w(), marloes, 'reminders.list', { pid: s.pid }));
    const reminderId = buttonsOf(listed.value).find((b) => b.title === 'Verwijderen')!.data.reminderId;
    await invoke(execute(w(), marloes, 'reminders.remove', { reminderId }));
  });
});

/** Every choice title of every Input.ChoiceSet in a card. */
function choiceTitles(card: any): string[] {
  const out: string[] = [];
  const walk = (n: any) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    if (n.type === 'Input.ChoiceSet') out.push(...n.choices.map((c: any) => c.title));
    Object.values(n).forEach(walk);
  };
  walk(card);
  return out;
}

describe('reminders to the non-responders of an open reflection', () => {
  it('go 1:1 on a working morning, drop when only possible after the deadline, and an unreachable chat is reported to the projectleider', async () => {
    now = Date.UTC(2027, 0, 5, 9, 0); // Tuesday 5 January 2027, 10:00
    await post(s.bot.messagesUrl, channelMessage(w(), sanne, 'reflectie'));
    const data = newestButton(s.connector.sent(), 'Start de reflectie')!.data;
    // Deadline Friday 15 January 2027, 17:00.
    await invoke(execute(w(), sanne, 'reflection.start', data, { who: 'all', date: '2027-01-15', time: '17:00' }));
    const runId = runIdOnChannelCard(s.connector.sentTo(TEAM_ID));
    await invoke(execute(w({ where: 'personal' }), pieter, 'reflection.part', { runId, v: '1', part: '0', nav: 'next', i0: '4' }));
    await invoke(execute(w({ where: 'personal' }), pieter, 'reflection.send', { runId, v: '1' }));
    await post(s.bot.messagesUrl, personalMessage(w(), anna, 'geen herinneringen'));

    const form = await invoke(execute(w(), marloes, 'reminders.newCard', { pid: s.pid }));
    expect(choiceTitles(form.value)).toContain('Wie reflectie 1 (Het hele partnerschap) nog niet instuurde (sluit vr 15 januari 2027 om 17:00)');
    const target = `run:${runId}`;
    const create = async (inputs: Record<string, string>) => (await invoke(execute(w(), marloes, 'reminders.create', { pid: s.pid }, { template: 'deadline', ...inputs }))).value;
    expect(await create({ kind: 'once', date: '2027-01-16', time: '09:00', target })).toBe('De eerste herinnering valt na de sluitdatum van de vragenlijst. Kies een eerder moment.');
    expect(await create({ kind: 'once', date: '2027-01-09', time: '10:00', target: 'run:00000000-0000-4000-8000-000000000000' })).toBe('Die vragenlijst is al gesloten. Kies een andere ontvanger.');
    expect((await s.bot.app.reminders.list(s.pid)).length).toBe(0);
    // Saturday 9 January 10:00 goes out on Monday morning, and the user is told so.
    expect(await create({ kind: 'once', date: '2027-01-09', time: '10:00', target })).toBe(
      'Herinnering opgeslagen. De eerste gaat ma 11 januari 2027 om 08:00 (verschoven: docenten krijgen geen herinneringen in de avond, het weekend of een vakantie).',
    );
    // Thursday 14 January 19:00 moves to Friday 08:00, before the deadline.
    expect(await create({ kind: 'once', date: '2027-01-14', time: '19:00', target })).toBe(
      'Herinnering opgeslagen. De eerste gaat vr 15 januari 2027 om 08:00 (verschoven: docenten krijgen geen herinneringen in de avond, het weekend of een vakantie).',
    );
    expect(await create({ kind: 'weekly', every: '1', date: '2027-01-13', time: '10:00', target })).toBe('Herinnering opgeslagen. De eerste gaat wo 13 januari 2027 om 10:00.');
    // Later the school adds a study day on Friday 15 January: the Thursday evening one can now
    // only go out after the deadline. A new one like it is refused; the stored one will be dropped.
    await s.bot.app.services.calendar.addHoliday(s.pid, { name: 'Studiedag', from: '2027-01-15', to: '2027-01-15' });
    expect(await create({ kind: 'once', date: '2027-01-14', time: '19:00', target })).toBe('De eerste herinnering valt na de sluitdatum van de vragenlijst. Kies een eerder moment.');
    const listed = await invoke(execute(w(), marloes, 'reminders.list', { pid: s.pid }));
    expect(textsOf(listed.value).filter((x) => x.includes('persoonlijk aan wie de vragenlijst nog niet instuurde'))).toHaveLength(3);

    const deadlineNudges = (who: User) => s.connector.sentTo(toChat(who)).filter((r) => String(r.body.text ?? '').startsWith('Herinnering: de vragenlijst sluit binnenkort'));
    s.connector.rules = [(r) => (r.method === 'POST' && r.conversationId === toChat(fatima) ? { status: 403, body: { error: { code: 'BotDisabledByAdmin' } } } : undefined)];
    now = Date.UTC(2027, 0, 9, 9, 0); // Saturday 10:00: moved to Monday 08:00
    expect(await s.bot.app.reminders.tick()).toEqual({ moved: 1 });
    now = Date.UTC(2027, 0, 11, 7, 0); // Monday 11 January 08:00
    // Not yet sent: Marloes, Sanne, Fatima (Pieter sent, Anna switched nudges off).
    expect(await s.bot.app.reminders.tick()).toEqual({ sent: 2, unreachable: 1 });
    expect([marloes, sanne, fatima, pieter, anna].map((who) => deadlineNudges(who).length)).toEqual([1, 1, 0, 0, 0]);
    const notices = () => s.connector.sentTo(toChat(sanne)).filter((r) => String(r.body.text ?? '').startsWith('Leerlab kan'));
    expect(notices().map((r) => r.body.text)).toEqual(['Leerlab kan de chat met Fatima el Amrani niet meer bereiken: Teams weigert berichten (de app is misschien verwijderd). Vraag diegene de app Leerlab weer toe te voegen.']);

    // Wednesday 13 January 10:00, the weekly one: Fatima's chat is known to be closed, so it is
    // not tried again and the projectleider is not told twice.
    now = Date.UTC(2027, 0, 13, 9, 0);
    const postsToFatima = s.connector.requests.filter((r) => r.conversationId === toChat(fatima)).length;
    expect(await s.bot.app.reminders.tick()).toEqual({ sent: 2, unreachable: 1 });
    expect(s.connector.requests.filter((r) => r.conversationId === toChat(fatima))).toHaveLength(postsToFatima);
    expect(notices()).toHaveLength(1);

    now = Date.UTC(2027, 0, 14, 18, 0); // Thursday 19:00: the next working morning is after the deadline
    expect(await s.bot.app.reminders.tick()).toEqual({ dropped: 1 });
    expect([marloes, sanne].map((who) => deadlineNudges(who).length)).toEqual([2, 2]);
    s.connector.rules = [];

    // The run closes at 17:00 on Friday; on Wednesday 20 January the weekly reminder is done
    // instead of nudging nobody every week.
    now = Date.UTC(2027, 0, 15, 16, 1);
    await s.bot.app.services.jobs.runDue();
    expect((await s.bot.app.reflection.repo.get(runId))!.status).toBe('closed');
    now = Date.UTC(2027, 0, 20, 9, 0);
    expect(await s.bot.app.reminders.tick()).toEqual({ runClosed: 1 });
    const weekly = (await s.bot.app.reminders.list(s.pid)).find((r) => JSON.parse(r.rule).kind === 'weekly')!;
    expect(weekly.next_at).toBeNull();
  });

  it('a chat Teams no longer knows (404) is reported to the projectleider once, like a refused one', async () => {
    const { repo, store } = s.bot.app.services;
    s.connector.reset();
    now = Date.UTC(2027, 0, 25, 8, 0); // Monday 25 January 2027, 09:00
    await repo.savePersonalChat({ conversationId: toChat(marloes), serviceUrl: s.connector.serviceUrl, tenantId: TENANT_ID, botId: BOT.id, kind: 'personal' }, { aadObjectId: marloes.aadObjectId, teamsUserId: marloes.id }, s.pid);
    await store.db.updateTable('conversation_refs').set({ status: 'active' }).where('conversation_id', '=', toChat(marloes)).execute();
    for (const date of ['2027-01-26', '2027-01-27']) {
      await s.bot.app.reminders.create({ partnershipId: s.pid, createdBy: 'm', rule: { kind: 'once', date, time: '10:00' }, target: 'regiegroep', text: 'Regiegroep: stukken lezen.' });
    }
    s.connector.rules = [(r) => (r.method === 'POST' && r.conversationId === toChat(marloes) ? { status: 404, body: { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } } } : undefined)];
    const notices = () => s.connector.sentTo(toChat(sanne)).filter((r) => String(r.body.text ?? '').startsWith('Leerlab kan de chat met Marloes'));

    now = Date.UTC(2027, 0, 26, 9, 0); // Tuesday 10:00
    expect(await s.bot.app.reminders.tick()).toEqual({ unreachable: 1 });
    expect(s.connector.requests.filter((r) => r.conversationId === toChat(marloes)).map((r) => r.status)).toEqual([404]);
    expect((await repo.conversation(toChat(marloes)))?.status).toBe('unreachable');
    expect(notices().map((r) => r.body.text)).toEqual(['Leerlab kan de chat met Marloes Visser niet meer bereiken: Teams weigert berichten (de app is misschien verwijderd). Vraag diegene de app Leerlab weer toe te voegen.']);

    // The next day: not tried again, not reported again.
    now = Date.UTC(2027, 0, 27, 9, 0);
    expect(await s.bot.app.reminders.tick()).toEqual({ unreachable: 1 });
    expect(s.connector.requests.filter((r) => r.conversationId === toChat(marloes))).toHaveLength(1);
    expect(notices()).toHaveLength(1);
    s.connector.rules = [];
  });
});
