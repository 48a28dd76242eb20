import { beforeAll, describe, expect, it } from 'vitest';
import { useInstalledBot } from '../helpers/installedBot.js';
import { buttonsOf, cardOf, execute, personalMessage, post, textsOf, type User } from '../helpers/teams.js';

const u = (n: number, name: string): User => ({ id: `29:dg${n}`, aadObjectId: `aad-dg-${n}`, name });
const sanne = u(1, 'Sanne de Vries'); // projectleider
const pieter = u(2, 'Pieter Bakker'); // docent

let now = Date.UTC(2026, 10, 24, 9, 0); // Tuesday 24 November 2026, 10:00 in Amsterdam
const s = useInstalledBot({ clock: { now: () => now } });
const { w, invoke } = s;
const digests = () => s.connector.sentTo(`a:personal-${sanne.id}`).filter((r) => r.body.attachments?.[0] && textsOf(cardOf(r.body))[0] === 'Voortgang Leerlab Gorinchem');

beforeAll(async () => {
  const { repo } = s.bot.app.services;
  const p = (await repo.get(s.pid))!;
  await repo.rename(p.id, 'Leerlab Gorinchem');
  const ids = await repo.upsertMembers(p.id, [sanne, pieter].map((x) => ({ teamsUserId: x.id, aadObjectId: x.aadObjectId, name: x.name })));
  await repo.setRoles(ids[0]!, p.id, ['projectleider']);
  await repo.setRoles(ids[1]!, p.id, ['docent']);
  await s.bot.app.reminders.create({ partnershipId: p.id, createdBy: ids[0]!, rule: { kind: 'weekly', start: '2026-11-26', time: '09:00', everyWeeks: 1 }, target: 'channel', text: 'Regiegroep donderdag: stukken lezen.\nAgenda volgt.' });
});

describe('voortgang: next reminders and the weekly digest', () => {
  it('lists the next reminder, and the projectleider switches the Monday digest on and off', async () => {
    await post(s.bot.messagesUrl, personalMessage(w(), sanne, 'voortgang'));
    const card = cardOf(s.connector.sent().at(-1)!.body);
    expect(textsOf(card)).toContain('do 26 november 2026 om 09:00: Regiegroep donderdag: stukken lezen\\. (in het kanaal)');
    expect(textsOf(card)).toContain('Stand van di 24 november 2026 om 10:00. Wekelijks overzicht: uit.');
    const on = buttonsOf(card).find((b) => b.title === 'Wekelijks overzicht aanzetten')!;

    expect((await invoke(execute(w({ where: 'personal' }), pieter, 'progress.digest', on.data))).value).toBe('Dit mag alleen de projectleider of de regiegroep.');
    expect((await invoke(execute(w({ where: 'personal' }), sanne, 'progress.digest', { pid: s.pid, on: 'ja' }))).value).toBe('Dit kon ik niet verwerken. Controleer wat je hebt ingevuld en probeer het opnieuw.');
    expect((await s.bot.app.services.calendar.settings(s.pid)).digest).toBe(false);

    const switched = await invoke(execute(w({ where: 'personal' }), sanne, 'progress.digest', on.data));
    expect(textsOf(switched.value)).toContain('Stand van di 24 november 2026 om 10:00. De projectleider krijgt elke maandag om 08:00 dit overzicht.');
    const off = buttonsOf(switched.value).find((b) => b.title === 'Wekelijks overzicht uitzetten')!;

    now = Date.UTC(2026, 10, 30, 6, 59); // Monday 30 November 07:59: not yet
    await s.bot.app.services.jobs.runDue();
    expect(digests()).toHaveLength(0);
    now = Date.UTC(2026, 10, 30, 7, 0); // 08:00
    await s.bot.app.services.jobs.runDue();
    await s.bot.app.services.jobs.runDue();
    expect(digests()).toHaveLength(1);
    expect(textsOf(cardOf(digests()[0]!.body))).toContain('Stand van ma 30 november 2026 om 08:00. De projectleider krijgt elke maandag om 08:00 dit overzicht.');

    await invoke(execute(w({ where: 'personal' }), sanne, 'progress.digest', off.data));
    now = Date.UTC(2026, 11, 7, 7, 0); // Monday 7 December 08:00
    await s.bot.app.services.jobs.runDue();
    expect(digests()).toHaveLength(1);
  });
});
