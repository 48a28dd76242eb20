import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../helpers/botServer.js';
import { startConnector, type FakeConnector } from '../helpers/connector.js';
import { buttonsOf, cardOf, channelMessage, execute, installInTeam, personalMessage, post, TEAM_ID, TENANT_ID, type User } from '../helpers/teams.js';

const u = (n: number, name: string): User => ({ id: `29:n${n}`, aadObjectId: `aad-n-${n}`, name });
const sanne = u(1, 'Sanne de Vries');
const pieter = u(2, 'Pieter Bakker');
const anna = u(3, 'Anna de Boer');
const fatima = u(4, 'Fatima el Amrani');

let connector: FakeConnector;
let bot: RunningBot;
let now = Date.UTC(2026, 10, 24, 9, 0); // Tuesday 24 November 2026, 10:00 in Amsterdam
const w = (extra: Record<string, unknown> = {}) => ({ serviceUrl: connector.serviceUrl, ...extra });
const invoke = async (a: unknown) => (await post(bot.messagesUrl, a)).body as { value: any };
const nudgesTo = (who: User) => connector.sentTo(`a:personal-${who.id}`).filter((r) => String(r.body.text ?? '').startsWith('Herinnering: de reflectie sluit'));

beforeAll(async () => {
  connector = await startConnector();
  bot = await startBot({ clock: { now: () => now }, env: { JOB_POLL_MS: '60000' } });
  await post(bot.messagesUrl, installInTeam(w()));
  const { repo } = bot.app.services;
  const p = (await repo.findByTeam(TENANT_ID, TEAM_ID))!;
  const [vo, mbo] = await repo.replaceSchools(p.id, [{ name: 'Vmbo De Schakel', type: 'vo' }, { name: 'ROC Noord', type: 'mbo' }]);
  const ids = await repo.upsertMembers(p.id, [sanne, pieter, anna, fatima].map((x) => ({ teamsUserId: x.id, aadObjectId: x.aadObjectId, name: x.name })));
  await repo.assignMember(ids[0]!, p.id, { roles: ['projectleider'], schoolId: null, werkgroepIds: [] });
  await repo.assignMember(ids[1]!, p.id, { roles: ['docent'], schoolId: vo!.id, werkgroepIds: [] });
  await repo.assignMember(ids[2]!, p.id, { roles: ['docent'], schoolId: vo!.id, werkgroepIds: [] });
  await repo.assignMember(ids[3]!, p.id, { roles: ['docent'], schoolId: mbo!.id, werkgroepIds: [] });
});
afterAll(async () => {
  await bot.stop();
  await connector.close();
});

describe('nudges before a reflection deadline', () => {
  it('reach non-responders on working days only, skip who opted out, and tell the projectleider the count', async () => {
    await post(bot.messagesUrl, channelMessage(w(), sanne, 'reflectie'));
    const data = buttonsOf(cardOf(connector.sent().at(-1)!.body)).find((b) => b.title === 'Start de reflectie')!.data;
    // Deadline Monday 30 November 2026, 17:00.
    await invoke(execute(w(), sanne, 'reflection.start', data, { who: 'all', date: '2026-11-30', time: '17:00', nudges: 'true' }));
    const runId = buttonsOf(cardOf(connector.sentTo(TEAM_ID).at(-1)!.body)).find((b) => b.title === 'Invullen')!.data.runId;
    await invoke(execute(w({ where: 'personal' }), pieter, 'reflection.part', { runId, v: '1', part: '0', nav: 'next', i0: '4' }));
    await invoke(execute(w({ where: 'personal' }), pieter, 'reflection.send', { runId, v: '1' }));
    await post(bot.messagesUrl, personalMessage(w(), anna, 'geen herinneringen'));
    expect(connector.sent().at(-1)!.body.text).toBe('Je krijgt geen persoonlijke herinneringen meer van Leerlab. Typ **wel herinneringen** om ze weer aan te zetten.');

    // Friday 27 November 17:00 (three days before): a working day before 18:00, so it goes now.
    now = Date.UTC(2026, 10, 27, 16, 0);
    await bot.app.services.jobs.runDue();
    expect(nudgesTo(fatima)).toHaveLength(1);
    expect(nudgesTo(fatima)[0]!.body.text).toContain('de reflectie sluit op ma 30 november 2026 om 17:00.');
    expect(nudgesTo(anna)).toHaveLength(0);
    expect(nudgesTo(pieter)).toHaveLength(0);

    // Sunday 29 November 17:00 (one day before): weekend, so the nudge moves to Monday 08:00.
    now = Date.UTC(2026, 10, 29, 16, 0);
    await bot.app.services.jobs.runDue();
    expect(nudgesTo(fatima)).toHaveLength(1);
    const count = connector.sentTo(`a:personal-${sanne.id}`).at(-1)!;
    // Invited: Sanne (no school), Pieter and Anna (vmbo, Pieter sent), Fatima (mbo).
    expect(count.body.text.split('\n')[0]).toBe('Reflectie 1 sluit morgen. Nog niet ingevuld per school:');
    expect(count.body.text.split('\n').slice(1).sort()).toEqual(['ROC Noord: 1', 'Vmbo De Schakel: 1', 'Zonder school: 1']);

    now = Date.UTC(2026, 10, 30, 7, 0); // Monday 08:00 in Amsterdam
    await bot.app.services.jobs.runDue();
    expect(nudgesTo(fatima)).toHaveLength(2);
    await bot.app.services.jobs.runDue();
    expect(nudgesTo(fatima)).toHaveLength(2);
  });
});
