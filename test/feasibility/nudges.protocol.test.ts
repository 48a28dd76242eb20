import { beforeAll, describe, expect, it } from 'vitest';
import { useInstalledBot } from '../helpers/installedBot.js';
import { buttonsOf, cardOf, CHANNELS, channelMessage, execute, post, type User } from '../helpers/teams.js';

const u = (n: number, name: string): User => ({ id: `29:fn${n}`, aadObjectId: `aad-fn-${n}`, name });
const ilse = u(1, 'Ilse Kramer'); // docent mbo
const joost = u(2, 'Joost de Wit'); // docent vmbo
const marieke = u(3, 'Marieke van Halm'); // projectleider

let now = Date.UTC(2026, 10, 24, 9, 0); // Tuesday 24 November 2026, 10:00 in Amsterdam
const s = useInstalledBot({ clock: { now: () => now } });
const { w, invoke } = s;
const nudges = (who: User) => s.connector.sentTo(`a:personal-${who.id}`).filter((r) => String(r.body.text ?? '').startsWith('Herinnering: het onderdeel'));
async function at(utc: number) {
  now = utc;
  await s.bot.app.services.jobs.runDue();
  return [nudges(ilse).length, nudges(joost).length];
}

beforeAll(async () => {
  const { repo } = s.bot.app.services;
  const p = (await repo.get(s.pid))!;
  const [vo, mbo] = await repo.replaceSchools(p.id, [{ name: 'Vmbo Gorinchem', type: 'vo' }, { name: 'ROC Da Vinci', type: 'mbo' }]);
  const [wg] = await repo.replaceWerkgroepen(p.id, [{ name: 'Werkgroep horeca', channelId: CHANNELS.docenten.id, channelName: 'Docentwerkgroep Zorg' }]);
  const ids = await repo.upsertMembers(p.id, [ilse, joost, marieke].map((x) => ({ teamsUserId: x.id, aadObjectId: x.aadObjectId, name: x.name })));
  await repo.assignMember(ids[0]!, p.id, { roles: ['docent'], schoolId: mbo!.id, werkgroepIds: [wg!.id] });
  await repo.assignMember(ids[1]!, p.id, { roles: ['docent'], schoolId: vo!.id, werkgroepIds: [wg!.id] });
  await repo.assignMember(ids[2]!, p.id, { roles: ['projectleider'], schoolId: null, werkgroepIds: [wg!.id] });
});

describe('nudges to owners of feasibility parts', () => {
  it('go 3 days and 1 day before the date on working days, follow a changed date, and stop when switched off', async () => {
    await post(s.bot.messagesUrl, channelMessage(w(), joost, 'haalbaarheid', CHANNELS.docenten));
    const studyId = buttonsOf(cardOf(s.connector.sent().at(-1)!.body)).find((b) => b.title === 'Open: Instroom')!.data.studyId;
    const card = await invoke(execute(w(), marieke, 'feasibility.assignCard', { studyId }));
    const data = buttonsOf(card.value).find((b) => b.title === 'Opslaan')!.data;
    // Werkgroep members in name order: Ilse (m0), Joost (m1), Marieke (m2).
    // Instroom: Joost, Monday 7 December. Business case: Ilse, Wednesday 2 December.
    await invoke(execute(w(), marieke, 'feasibility.assign', data, { o_instroom: 'm1', d_instroom: '2026-12-07', o_businesscase: 'm0', d_businesscase: '2026-12-02', nudges: 'true' }));

    // Sunday 29 November 17:00 (business case, 3 days before): weekend, moved to Monday 08:00.
    expect(await at(Date.UTC(2026, 10, 29, 16, 0))).toEqual([0, 0]);
    expect(await at(Date.UTC(2026, 10, 30, 7, 0))).toEqual([1, 0]);
    expect(nudges(ilse)[0]!.body.text).toBe(
      'Herinnering: het onderdeel **Business case** van het haalbaarheidsonderzoek (Werkgroep horeca) moet klaar zijn op wo 2 december 2026 om 17:00. Typ **@Leerlab haalbaarheid** in het kanaal van de werkgroep om het te openen. (Geen herinneringen meer? Typ **geen herinneringen**.)',
    );

    // Monday noon the projectleider moves the business case to Friday 18 December.
    now = Date.UTC(2026, 10, 30, 11, 0);
    await invoke(execute(w(), marieke, 'feasibility.assign', data, { o_instroom: 'm1', d_instroom: '2026-12-07', o_businesscase: 'm0', d_businesscase: '2026-12-18', nudges: 'true' }));
    // Tuesday 1 December 17:00 was the old 1-day nudge: it no longer applies.
    expect(await at(Date.UTC(2026, 11, 1, 16, 0))).toEqual([1, 0]);
    // Friday 4 December 17:00: Joost, 3 days before Monday 7 December.
    expect(await at(Date.UTC(2026, 11, 4, 16, 0))).toEqual([1, 1]);
    // Sunday 6 December 17:00 moves to Monday 7 December 08:00, still before 17:00 that day.
    expect(await at(Date.UTC(2026, 11, 6, 16, 0))).toEqual([1, 1]);
    expect(await at(Date.UTC(2026, 11, 7, 7, 0))).toEqual([1, 2]);
    // Tuesday 15 December 17:00: Ilse, 3 days before the new date.
    expect(await at(Date.UTC(2026, 11, 15, 16, 0))).toEqual([2, 2]);

    // Switched off (an unchecked Input.Toggle sends its valueOff): no nudge on Thursday 17 December.
    await invoke(execute(w(), marieke, 'feasibility.assign', data, { o_instroom: 'm1', d_instroom: '2026-12-07', o_businesscase: 'm0', d_businesscase: '2026-12-18', nudges: 'false' }));
    expect(await at(Date.UTC(2026, 11, 17, 16, 0))).toEqual([2, 2]);
  });
});
