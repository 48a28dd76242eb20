import { beforeAll, describe, expect, it } from 'vitest';
import { useInstalledBot } from '../helpers/installedBot.js';
import { buttonsOf, cardOf, channelMessage, execute, personalMessage, post, TEAM_ID, type User, runIdOnChannelCard, newestButton } from '../helpers/teams.js';

const u = (n: number, name: string): User => ({ id: `29:n${n}`, aadObjectId: `aad-n-${n}`, name });
const sanne = u(1, 'Sanne de Vries');
const pieter = u(2, 'Pieter Bakker');
const anna = u(3, 'Anna de Boer');
const fatima = u(4, 'Fatima el Amrani');

let now = Date.UTC(2026, 10, 24, 9, 0); // Tuesday 24 November 2026, 10:00 in Amsterdam
const s = useInstalledBot({ clock: { now: () => now } });
const { w, invoke } = s;
const nudgesTo = (who: User) => s.connector.sentTo(`a:personal-${who.id}`).filter((r) => String(r.body.text ?? '').startsWith('Herinnering: de reflectie sluit'));

beforeAll(async () => {
  const { repo } = s.bot.app.services;
  const p = (await repo.get(s.pid))!;
  const [vo, mbo] = await repo.replaceSchools(p.id, [{ name: 'Vmbo De Schakel', type: 'vo' }, { name: 'ROC Noord', type: 'mbo' }]);
  const ids = await repo.upsertMembers(p.id, [sanne, pieter, anna, fatima].map((x) => ({ teamsUserId: x.id, aadObjectId: x.aadObjectId, name: x.name })));
  await repo.assignMember(ids[0]!, p.id, { roles: ['projectleider'], schoolId: null, werkgroepIds: [] });
  await repo.assignMember(ids[1]!, p.id, { roles: ['docent'], schoolId: vo!.id, werkgroepIds: [] });
  await repo.assignMember(ids[2]!, p.id, { roles: ['docent'], schoolId: vo!.id, werkgroepIds: [] });
  await repo.assignMember(ids[3]!, p.id, { roles: ['docent'], schoolId: mbo!.id, werkgroepIds: [] });
});

describe('nudges before a reflection deadline', () => {
  it('reach non-responders on working days only, skip who opted out, and tell the projectleider the count', async () => {
    await post(s.bot.messagesUrl, channelMessage(w(), sanne, 'reflectie'));
    const data = newestButton(s.connector.sent(), 'Start de reflectie')!.data;
    // Deadline Monday 30 November 2026, 17:00.
    await invoke(execute(w(), sanne, 'reflection.start', data, { who: 'all', date: '2026-11-30', time: '17:00', nudges: 'true' }));
    const runId = runIdOnChannelCard(s.connector.sentTo(TEAM_ID));
    await invoke(execute(w({ where: 'personal' }), pieter, 'reflection.part', { runId, v: '1', part: '0', nav: 'next', i0: '4' }));
    await invoke(execute(w({ where: 'personal' }), pieter, 'reflection.send', { runId, v: '1' }));
    await post(s.bot.messagesUrl, personalMessage(w(), anna, 'geen herinneringen'));
    expect(s.connector.sent().at(-1)!.body.text).toBe('Je krijgt geen persoonlijke herinneringen meer van Leerlab. Typ **wel herinneringen** om ze weer aan te zetten.');

    // Friday 27 November 17:00 (three days before): a working day before 18:00, so it goes now.
    now = Date.UTC(2026, 10, 27, 16, 0);
    await s.bot.app.services.jobs.runDue();
    expect(nudgesTo(fatima)).toHaveLength(1);
    expect(nudgesTo(fatima)[0]!.body.text).toContain('de reflectie sluit op ma 30 november 2026 om 17:00.');
    expect(nudgesTo(anna)).toHaveLength(0);
    expect(nudgesTo(pieter)).toHaveLength(0);

    // Sunday 29 November 17:00 (one day before): weekend, so the nudge moves to Monday 08:00.
    now = Date.UTC(2026, 10, 29, 16, 0);
    await s.bot.app.services.jobs.runDue();
    expect(nudgesTo(fatima)).toHaveLength(1);
    const count = s.connector.sentTo(`a:personal-${sanne.id}`).at(-1)!;
    // Invited: Sanne (no school), Pieter and Anna (vmbo, Pieter sent), Fatima (mbo).
    expect(count.body.text.split('\n')[0]).toBe('Reflectie 1 sluit morgen. Nog niet ingevuld per school:');
    expect(count.body.text.split('\n').slice(1).sort()).toEqual(['ROC Noord: 1', 'Vmbo De Schakel: 1', 'Zonder school: 1']);

    now = Date.UTC(2026, 10, 30, 7, 0); // Monday 08:00 in Amsterdam
    await s.bot.app.services.jobs.runDue();
    expect(nudgesTo(fatima)).toHaveLength(2);
    await s.bot.app.services.jobs.runDue();
    expect(nudgesTo(fatima)).toHaveLength(2);
  });
});
