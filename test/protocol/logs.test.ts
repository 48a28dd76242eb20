import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../helpers/botServer.js';
import { startConnector, type FakeConnector } from '../helpers/connector.js';
import { buttonsOf, cardOf, channelMessage, execute, installInTeam, memberLeft, personalMessage, post, TEAM_ID, TENANT_ID, type User, runIdOnChannelCard, newestButton } from '../helpers/teams.js';

/**
 * Logs never carry answer text, comments, names or e-mail addresses (issue 14). The real HTTP
 * bot, its logger writing into an array, goes through setup (the roster with names and e-mail
 * addresses), a reflection with comments, a reminder text naming someone, and the failures
 * that log an error: Teams refusing a 1:1 chat and a channel post, so the error objects of
 * the connector (which carry the request that failed) reach the logger. Then every captured
 * line is searched for every name, text and address the flow used.
 */

const u = (n: number, name: string): User => ({ id: `29:l${n}AbCd`, aadObjectId: `aad-log-${n}`, name });
const pl = u(0, 'Ermengarde Wolterbeek');
const docenten = [u(1, 'Folkert Ubbergen'), u(2, 'Gerlinde Quaadvliet'), u(3, 'Hieronymus Ploegmakers')];
const leaver = u(4, 'Isebrand Noordeloos');
const everyone = [pl, ...docenten, leaver];
const emailOf = (x: User) => `${x.name.split(' ')[1]!.toLowerCase()}.mail@scholen.example.nl`;
const COMMENTS = ['Samenwerking met het praktijklokaal voelt zompig', 'Overdrachtsdossiers komen knarsend binnen', 'Intervisie tussen docenten werkt bruisend'];
const REMINDER = `Bel ${docenten[0]!.name} over de stageplaatsen in Zwolle-Zuid`;
const SECRETS = [...everyone.flatMap((x) => [x.name, ...x.name.split(' '), emailOf(x)]), ...COMMENTS, REMINDER];

let connector: FakeConnector;
let bot: RunningBot;
const lines: string[] = [];
const w = (extra: Record<string, unknown> = {}) => ({ serviceUrl: connector.serviceUrl, ...extra });
const invoke = async (activity: unknown) => (await post(bot.messagesUrl, activity)).body as { type: string; value: any };

beforeAll(async () => {
  connector = await startConnector();
  bot = await startBot({ logLines: lines });
  await post(bot.messagesUrl, installInTeam(w(), pl));
});
afterAll(async () => {
  await bot?.stop();
  await connector?.close();
});

describe('logs', () => {
  it('hold no names, e-mail addresses, comments or user texts after a flow with failures', async () => {
    connector.setRoster(
      TEAM_ID,
      everyone.map((x) => ({ id: x.id, name: x.name, aadObjectId: x.aadObjectId, email: emailOf(x), userPrincipalName: emailOf(x), tenantId: TENANT_ID, userRole: 'user' })),
    );
    await post(bot.messagesUrl, channelMessage(w(), pl, 'instellen'));
    const { repo } = bot.app.services;
    const pid = (await repo.findByTeam(TENANT_ID, TEAM_ID))!.id;
    const [vo] = await repo.replaceSchools(pid, [{ name: 'Vmbo Het Baken', type: 'vo' }]);
    for (const d of docenten) await repo.assignMember((await repo.member(pid, d.aadObjectId))!.id, pid, { roles: ['docent'], schoolId: vo!.id, werkgroepIds: [] });
    expect((await repo.member(pid, pl.aadObjectId))!.roles).toEqual(['projectleider']);

    // A reflection with comments, closed: the summary publishes them (3 respondents).
    await post(bot.messagesUrl, channelMessage(w(), pl, 'reflectie'));
    const data = newestButton(connector.sent(), 'Start de reflectie')!.data;
    const date = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await invoke(execute(w(), pl, 'reflection.start', data, { who: 'all', date, time: '17:00', perSchool: 'false' }));
    const runId = runIdOnChannelCard(connector.sentTo(TEAM_ID));
    for (const [i, d] of docenten.entries()) {
      const v = String(i + 2);
      await invoke(execute(w({ where: 'personal' }), d, 'reflection.part', { runId, v: '1', part: '0', nav: 'next', i0: v, i1: v, i2: v, i3: v, i4: COMMENTS[i]! }));
      await invoke(execute(w({ where: 'personal' }), d, 'reflection.send', { runId, v: '1' }));
    }
    await post(bot.messagesUrl, channelMessage(w(), pl, 'reflectie sluiten'));
    await connector.waitFor((r) => r.conversationId === TEAM_ID && JSON.stringify(r.body).includes(COMMENTS[0]!), 10_000);

    // A reminder whose text names someone; voortgang shows it.
    await bot.app.reminders.create({ partnershipId: pid, createdBy: (await repo.member(pid, pl.aadObjectId))!.id, rule: { kind: 'once', date, time: '09:00' }, target: 'channel', text: REMINDER });

    // Teams refuses every 1:1 message and the channel post: voortgang asked in the channel
    // cannot be delivered, and posting the progress card fails the turn.
    connector.rules.push((r) => (r.method === 'POST' && /personal/.test(r.path) ? { status: 403, body: { error: { code: 'Forbidden', message: 'The bot is blocked.' } } } : undefined));
    await post(bot.messagesUrl, channelMessage(w(), pl, 'voortgang'));
    connector.rules.push((r) => (r.method === 'POST' && r.conversationId === TEAM_ID ? { status: 500, body: { error: { code: 'ServiceError', message: 'Unknown' } } } : undefined));
    await invoke(execute(w(), pl, 'progress.post', { pid }));
    await post(bot.messagesUrl, personalMessage(w(), docenten[1]!, 'mijn antwoorden zijn ' + COMMENTS[1]));
    connector.rules.length = 0;

    // Someone leaves, and the same click arrives twice.
    await post(bot.messagesUrl, memberLeft(w(), leaver));
    const twice = execute(w({ where: 'personal' }), docenten[0]!, 'reflection.part', { runId, v: '1', part: '0', nav: 'open' });
    await invoke(twice);
    await invoke(twice);

    // The flow did log, errors included.
    const joined = lines.join('\n');
    expect(joined).toContain('personal answer not delivered');
    expect(joined).toContain('"level":50');
    const leaks = SECRETS.filter((s) => s.length >= 4 && joined.toLowerCase().includes(s.toLowerCase()));
    expect(leaks).toEqual([]);
  });
});

describe('the error serializer', () => {
  it('keeps what and where of an error, not the request or response it carries', async () => {
    const { createLogger } = await import('../../src/logger.js');
    const out: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void out.push(line) });
    const err = Object.assign(new Error('Forbidden'), {
      statusCode: 403,
      code: 'Forbidden',
      request: { url: 'https://smba/', body: JSON.stringify({ text: COMMENTS[0] }) },
      response: { bodyAsText: `{"echo":"${emailOf(pl)}"}` },
      details: { who: pl.name },
    });
    logger.error({ err }, 'send failed');
    const line = JSON.parse(out[0]!);
    expect(Object.keys(line.err).sort()).toEqual(['message', 'stack', 'statusCode', 'code', 'type'].sort());
    expect([line.err.message, line.err.statusCode, line.err.code]).toEqual(['Forbidden', 403, 'Forbidden']);
    expect(out[0]).not.toContain(COMMENTS[0]);
    expect(out[0]).not.toContain(emailOf(pl));
    expect(out[0]).not.toContain(pl.name);
  });
});
