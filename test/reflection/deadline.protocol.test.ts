import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../helpers/botServer.js';
import { startConnector, type FakeConnector } from '../helpers/connector.js';
import { buttonsOf, cardOf, channelMessage, execute, installInTeam, post, TEAM_ID, TENANT_ID, textsOf, type User, runIdOnChannelCard, newestButton } from '../helpers/teams.js';

const u = (n: number, name: string): User => ({ id: `29:d${n}`, aadObjectId: `aad-d-${n}`, name });
const pl = u(1, 'Sanne de Vries');
const team = [u(2, 'Pieter Bakker'), u(3, 'Kees Jansen'), u(4, 'Anna de Boer')];

let connector: FakeConnector;
let bot: RunningBot;
let now = Date.UTC(2026, 10, 24, 9, 0);
const clock = { now: () => now };
const w = (extra: Record<string, unknown> = {}) => ({ serviceUrl: connector.serviceUrl, ...extra });

async function invoke(activity: unknown) {
  const res = await post(bot.messagesUrl, activity);
  expect(res.status).toBe(200);
  return res.body as { type: string; value: any };
}

async function startRun(date: string): Promise<string> {
  await post(bot.messagesUrl, channelMessage(w(), pl, 'reflectie'));
  const data = newestButton(connector.sent(), 'Start de reflectie')!.data;
  expect((await invoke(execute(w(), pl, 'reflection.start', data, { who: 'all', date, time: '17:00', perSchool: 'false' }))).value).toBe(
    'De reflectie is gestart. Ik heb een kaart in het kanaal gezet.',
  );
  return runIdOnChannelCard(connector.sentTo(TEAM_ID));
}

async function answerAll(runId: string, values: number[]) {
  for (const [i, who] of team.entries()) {
    const v = String(values[i]);
    await invoke(execute(w({ where: 'personal' }), who, 'reflection.part', { runId, v: '1', part: '0', nav: 'next', i0: v, i1: v, i2: v, i3: v }));
    await invoke(execute(w({ where: 'personal' }), who, 'reflection.send', { runId, v: '1' }));
  }
}

const summaries = () => connector.sentTo(TEAM_ID).filter((r) => /^Uitslag reflectie/.test(textsOf(cardOf(r.body))[0] ?? ''));

beforeAll(async () => {
  connector = await startConnector();
  bot = await startBot({ clock });
  await post(bot.messagesUrl, installInTeam(w()));
  const { repo } = bot.app.services;
  const p = (await repo.findByTeam(TENANT_ID, TEAM_ID))!;
  const [vo] = await repo.replaceSchools(p.id, [{ name: 'Vmbo De Schakel', type: 'vo' }]);
  const ids = await repo.upsertMembers(p.id, [pl, ...team].map((x) => ({ teamsUserId: x.id, aadObjectId: x.aadObjectId, name: x.name })));
  await repo.assignMember(ids[0]!, p.id, { roles: ['projectleider'], schoolId: null, werkgroepIds: [] });
  for (const id of ids.slice(1)) await repo.assignMember(id, p.id, { roles: ['docent'], schoolId: vo!.id, werkgroepIds: [] });
});
afterAll(async () => {
  await bot.stop();
  await connector.close();
});

describe('reflection deadline and a second run', () => {
  it('closes at the deadline through the job runner, also after a restart', async () => {
    const runId = await startRun('2026-12-01');
    const run = await bot.app.reflection.repo.get(runId);
    // 1 December 2026, 17:00 in Amsterdam is 16:00 UTC.
    expect(run!.deadline_at).toBe(Date.UTC(2026, 11, 1, 16, 0));
    await answerAll(runId, [4, 2, 3]);

    await bot.stop();
    bot = await startBot({ clock, dataDir: bot.dataDir });
    now = Date.UTC(2026, 11, 1, 15, 59);
    await bot.app.services.jobs.runDue();
    expect(summaries()).toHaveLength(0);
    now = Date.UTC(2026, 11, 1, 16, 0);
    await bot.app.services.jobs.runDue();
    expect(summaries()).toHaveLength(1);
    // 4,4,4,4 + 2,2,2,2 + 3,3,3,3: mean 3.0, spread sqrt(((1+1+1+1)+(1+1+1+1)+0)/12) = 0.816.
    expect(textsOf(cardOf(summaries()[0]!.body))).toContain('**Werken aan een gedeelde ambitie**: gemiddeld **3,0** van de 5 (3 mensen; de meningen lopen redelijk uiteen)  \n1: 0 · 2: 4 · 3: 4 · 4: 4 · 5: 0 · weet ik niet: 0');
    await bot.app.services.jobs.runDue();
    expect(summaries()).toHaveLength(1);
  });

  it('a second run shows the change per condition since the previous one', async () => {
    now = Date.UTC(2026, 11, 2, 9, 0);
    const runId = await startRun('2026-12-15');
    await answerAll(runId, [5, 3, 4]);
    await post(bot.messagesUrl, channelMessage(w(), pl, 'reflectie sluiten'));
    await bot.app.services.jobs.runDue();
    const second = textsOf(cardOf(summaries()[1]!.body));
    expect(second[0]).toBe('Uitslag reflectie 2');
    // Mean 4.0 now against 3.0 before.
    expect(second).toContain('Werken aan een gedeelde ambitie: +1,0');
    expect(second).toContain('Recht doen aan belangen: –');
  });
});
