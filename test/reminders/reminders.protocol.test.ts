import { beforeAll, describe, expect, it } from 'vitest';
import { useInstalledBot } from '../helpers/installedBot.js';
import { buttonsOf, cardOf, CHANNELS, channelMessage, execute, post, TEAM_ID, textsOf, type User } from '../helpers/teams.js';

const u = (n: number, name: string): User => ({ id: `29:h${n}`, aadObjectId: `aad-h-${n}`, name });
const marloes = u(1, 'Marloes Visser'); // regiegroep
const pieter = u(2, 'Pieter Bakker'); // docent

let now = Date.UTC(2026, 10, 24, 9, 0); // Tuesday 24 November 2026, 10:00 in Amsterdam
const s = useInstalledBot({ clock: { now: () => now } });
const { w, invoke } = s;

beforeAll(async () => {
  const { repo } = s.bot.app.services;
  const p = (await repo.get(s.pid))!;
  const ids = await repo.upsertMembers(p.id, [marloes, pieter].map((x) => ({ teamsUserId: x.id, aadObjectId: x.aadObjectId, name: x.name })));
  await repo.setRoles(ids[0]!, p.id, ['regiegroep']);
  await repo.setRoles(ids[1]!, p.id, ['docent']);
});

describe('herinneringen', () => {
  it('a docent may not plan reminders', async () => {
    await post(s.bot.messagesUrl, channelMessage(w(), pieter, 'herinneringen'));
    expect(s.connector.sent().at(-1)!.body.text).toBe('Dit mag alleen de projectleider of de regiegroep.');
  });

  it('the regiegroep creates a weekly reminder on cards, it fires at 09:00, and pause and delete work', async () => {
    await post(s.bot.messagesUrl, channelMessage(w(), marloes, 'herinneringen'));
    const list = cardOf(s.connector.sent().at(-1)!.body);
    expect(textsOf(list)).toContain('Er zijn nog geen herinneringen.');
    expect(buttonsOf(list).find((b) => b.title === 'Nieuwe herinnering')!.data.pid).toBe(s.pid);
    const form = await invoke(execute(w(), marloes, 'reminders.newCard', { pid: s.pid }));
    expect(textsOf(form.value)[0]).toBe('Nieuwe herinnering');

    expect((await invoke(execute(w(), marloes, 'reminders.create', { pid: s.pid }, { template: 'meeting', kind: 'weekly', date: '31-12-2026', time: '09:00' }))).value).toBe('Vul een geldige datum en tijd in.');
    expect((await invoke(execute(w(), marloes, 'reminders.create', { pid: s.pid }, { template: 'free', kind: 'weekly', date: '2026-12-01', time: '09:00' }))).value).toBe('Schrijf een tekst bij een eigen herinnering.');
    expect((await invoke(execute(w(), marloes, 'reminders.create', { pid: s.pid }, { template: 'meeting', kind: 'once', date: '2026-11-01', time: '09:00' }))).value).toBe('Die datum en tijd zijn al voorbij. Kies een moment in de toekomst.');
    expect((await invoke(execute(w(), marloes, 'reminders.create', { pid: s.pid }, { kind: 'yearly', date: '2026-12-01' }))).value).toBe('Dit kon ik niet verwerken. Controleer wat je hebt ingevuld en probeer het opnieuw.');

    // Every Thursday at 09:00, first on 3 December 2026, posted in the channel.
    const ok = await invoke(execute(w(), marloes, 'reminders.create', { pid: s.pid }, { template: 'meeting', kind: 'weekly', date: '2026-12-03', time: '09:00', every: '1', weekday: '1', nth: '1', target: 'channel' }));
    expect(ok.value).toBe('Herinnering opgeslagen. De eerste gaat do 3 december 2026 om 09:00.');

    const listed = await invoke(execute(w(), marloes, 'reminders.list', { pid: s.pid }));
    const line = textsOf(listed.value).find((x) => x.startsWith('**Herinnering: bereid'))!;
    expect(line).toContain('Elke donderdag om 09:00, in het kanaal. Volgende: do 3 december 2026 om 09:00.');

    now = Date.UTC(2026, 11, 3, 8, 0);
    await s.bot.app.services.jobs.runDue();
    await s.bot.app.reminders.tick();
    const sent = s.connector.sentTo(TEAM_ID).filter((r) => String(r.body.text ?? '').startsWith('Herinnering: bereid de vergadering'));
    expect(sent).toHaveLength(1);

    const reminderId = buttonsOf(listed.value).find((b) => b.title === 'Pauzeren')!.data.reminderId;
    const paused = await invoke(execute(w(), marloes, 'reminders.toggle', { reminderId }));
    expect(textsOf(paused.value).some((x) => x.endsWith('Gepauzeerd.'))).toBe(true);
    now = Date.UTC(2026, 11, 10, 8, 0);
    await s.bot.app.reminders.tick();
    expect(s.connector.sentTo(TEAM_ID).filter((r) => String(r.body.text ?? '').startsWith('Herinnering: bereid'))).toHaveLength(1);
    expect((await invoke(execute(w(), pieter, 'reminders.remove', { reminderId }))).value).toBe('Dit mag alleen de projectleider of de regiegroep.');
    const removed = await invoke(execute(w(), marloes, 'reminders.remove', { reminderId }));
    expect(textsOf(removed.value)).toContain('Er zijn nog geen herinneringen.');
  });

  it("posts in a werkgroep's channel, chosen by werkgroep and resolved on the server", async () => {
    const { repo } = s.bot.app.services;
    const p = (await repo.get(s.pid))!;
    const [wg] = await repo.replaceWerkgroepen(p.id, [{ name: 'Docenten Zorg', channelId: CHANNELS.docenten.id, channelName: 'Docentwerkgroep Zorg' }]);
    now = Date.UTC(2026, 11, 14, 9, 0); // Monday 14 December 2026, 10:00
    const form = await invoke(execute(w(), marloes, 'reminders.newCard', { pid: p.id }));
    expect(JSON.stringify(form.value)).toContain(`"title":"in het kanaal Docentwerkgroep Zorg","value":"wg:${wg!.id}"`);
    expect((await invoke(execute(w(), marloes, 'reminders.create', { pid: p.id }, { template: 'meeting', kind: 'once', date: '2026-12-15', time: '09:00', target: 'wg:00000000-0000-4000-8000-000000000000' }))).value).toBe(
      'Die werkgroep heeft geen kanaal (meer). Kies een andere ontvanger.',
    );
    const ok = await invoke(execute(w(), marloes, 'reminders.create', { pid: p.id }, { template: 'free', text: 'Werkgroep: lesmateriaal delen', kind: 'once', date: '2026-12-15', time: '09:00', target: `wg:${wg!.id}` }));
    expect(ok.value).toBe('Herinnering opgeslagen. De eerste gaat di 15 december 2026 om 09:00.');
    const listed = await invoke(execute(w(), marloes, 'reminders.list', { pid: p.id }));
    expect(textsOf(listed.value).some((x) => x.includes('Eenmalig op di 15 december 2026 om 09:00, in het kanaal Docentwerkgroep Zorg.'))).toBe(true);
    now = Date.UTC(2026, 11, 15, 8, 0);
    expect(await s.bot.app.reminders.tick()).toEqual({ sent: 1 });
    expect(s.connector.sentTo(CHANNELS.docenten.id).map((r) => r.body.text)).toEqual(['Werkgroep: lesmateriaal delen']);
  });
});
