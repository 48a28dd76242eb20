import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../helpers/botServer.js';
import { startConnector, type FakeConnector } from '../helpers/connector.js';
import { buttonsOf, cardOf, CHANNELS, channelMessage, execute, installInTeam, personalMessage, post, TEAM_ID, TENANT_ID, textsOf, type User } from '../helpers/teams.js';
import { isoDate } from '../../src/time/amsterdam.js';

const u = (n: number, name: string): User => ({ id: `29:r${n}`, aadObjectId: `aad0000-0000-4000-8000-${String(n).padStart(12, '0')}`, name });
const sanne = u(1, 'Sanne de Vries');
const pieter = u(2, 'Pieter Bakker');
const kees = u(3, 'Kees Jansen');
const anna = u(4, 'Anna de Boer');
const fatima = u(5, 'Fatima el Amrani');
const marloes = u(6, 'Marloes Visser');
const ahmed = u(7, 'Ahmed Yilmaz');

let connector: FakeConnector;
let bot: RunningBot;
let runId = '';
let channelCardId = '';
const w = (extra: Record<string, unknown> = {}) => ({ serviceUrl: connector.serviceUrl, ...extra });

async function invoke(activity: unknown) {
  const res = await post(bot.messagesUrl, activity);
  expect(res.status).toBe(200);
  return res.body as { type: string; value: any };
}
const part = (who: User, data: Record<string, string>, extra: Record<string, unknown> = {}) =>
  invoke(execute(w({ where: 'personal', ...extra }), who, 'reflection.part', { runId, v: '1', part: '0', nav: 'next', ...data }));
const sendAnswers = (who: User) => invoke(execute(w({ where: 'personal' }), who, 'reflection.send', { runId, v: '1' }));

beforeAll(async () => {
  connector = await startConnector();
  bot = await startBot();
  await post(bot.messagesUrl, installInTeam(w()));
  const { repo } = bot.app.services;
  const p = (await repo.findByTeam(TENANT_ID, TEAM_ID))!;
  await repo.rename(p.id, 'Leerlab Noord-Holland');
  const [vo, mbo] = await repo.replaceSchools(p.id, [
    { name: 'Vmbo De Schakel', type: 'vo' },
    { name: 'ROC Noord', type: 'mbo' },
  ]);
  const people: Array<[User, Array<'projectleider' | 'docent' | 'schoolleider' | 'regiegroep'>, string | null]> = [
    [sanne, ['projectleider'], null],
    [pieter, ['docent'], vo!.id],
    [kees, ['schoolleider'], vo!.id],
    [anna, ['docent'], vo!.id],
    [fatima, ['docent'], mbo!.id],
    [marloes, ['regiegroep'], mbo!.id],
    [ahmed, ['docent'], mbo!.id],
  ];
  const ids = await repo.upsertMembers(p.id, people.map(([x]) => ({ teamsUserId: x.id, aadObjectId: x.aadObjectId, name: x.name })));
  for (const [i, [, roles, school]] of people.entries()) await repo.assignMember(ids[i]!, p.id, { roles, schoolId: school, werkgroepIds: [] });
});
afterAll(async () => {
  await bot.stop();
  await connector.close();
});

describe('reflection over the protocol', () => {
  it('a docent may not start a reflection; the projectleider can', async () => {
    await post(bot.messagesUrl, channelMessage(w(), pieter, 'reflectie'));
    expect(connector.sent().at(-1)!.body.text).toBe('Dit mag alleen de projectleider of de regiegroep.');

    await post(bot.messagesUrl, channelMessage(w(), sanne, 'reflectie'));
    const start = cardOf(connector.sent().at(-1)!.body);
    expect(textsOf(start)[0]).toBe('Reflectie starten');
    const data = buttonsOf(start).find((b) => b.title === 'Start de reflectie')!.data;

    const past = await invoke(execute(w(), sanne, 'reflection.start', data, { who: 'all', date: '2020-01-01', time: '17:00', perSchool: 'true' }));
    expect(past.value).toBe('De sluitdatum moet in de toekomst liggen.');
    const bad = await invoke(execute(w(), sanne, 'reflection.start', data, { who: 'all', date: '31-12-2026', time: '17:00' }));
    expect(bad.value).toBe('Vul een geldige datum en tijd in.');

    const date = isoDate(Date.now() + 7 * 24 * 3600_000);
    const ok = await invoke(execute(w(), sanne, 'reflection.start', data, { who: 'all', date, time: '17:00', perSchool: 'true' }));
    expect(ok.value).toBe('De reflectie is gestart. Ik heb een kaart in het kanaal gezet.');
    const posted = connector.sentTo(TEAM_ID).at(-1)!;
    const card = cardOf(posted.body);
    expect(textsOf(card)[0]).toBe('Reflectie gestart');
    expect(textsOf(card)).toContain('0 van 7 hebben ingevuld.');
    runId = buttonsOf(card).find((b) => b.title === 'Invullen')!.data.runId;
    channelCardId = (await bot.app.reflection.repo.get(runId))!.channel_activity_id!;
    expect(channelCardId).toMatch(/^act-/);
  });

  it('"Invullen" answers with the shared card unchanged and opens the questions in the 1:1 chat', async () => {
    const res = await invoke(execute(w({ replyToId: channelCardId }), pieter, 'reflection.open', { runId }));
    expect(textsOf(res.value)[0]).toBe('Reflectie gestart');
    const created = connector.created().at(-1)!;
    expect(created.body.members[0].id).toBe(pieter.id);
    const first = connector.sentTo(`a:personal-${pieter.id}`).at(-1)!;
    expect(textsOf(cardOf(first.body))[0]).toBe('Deel 1 van 9: Werken aan een gedeelde ambitie');
  });

  it('five of six school members answer: in two sittings, on two devices, with "weet ik niet"; one never', async () => {
    // Pieter, first sitting: two statements, then "later".
    expect((await part(pieter, { i0: '4', i1: '5', nav: 'later' })).value).toBe(
      'Opgeslagen. Typ **invullen** in deze chat of klik op Invullen in het kanaal om verder te gaan.',
    );
    // Second sitting: "invullen" resumes where he left off, with his answers filled in.
    await post(bot.messagesUrl, personalMessage(w(), pieter, 'invullen'));
    const resumed = cardOf(connector.sentTo(`a:1personal-${pieter.aadObjectId}`).at(-1)!.body);
    expect(JSON.stringify(resumed)).toContain('"id":"i0","label":"We hebben samen een duidelijke ambitie voor de doorlopende leerroute."');
    await part(pieter, { i0: '4', i1: '5', i2: '3', i3: '4' });
    await sendAnswers(pieter);

    await part(kees, { i0: '2', i1: '0', i2: '3', i3: '3' });
    await sendAnswers(kees);

    // Anna on two devices: each card sends only what was filled in on that device.
    await part(anna, { i0: '5', nav: 'later' });
    await part(anna, { i1: '4', nav: 'later' });
    await sendAnswers(anna);

    const fatimaPart = execute(w({ where: 'personal' }), fatima, 'reflection.part', { runId, v: '1', part: '0', nav: 'next', i0: '1', i1: '2', i2: '2', i3: '3' });
    const once = await invoke(fatimaPart);
    expect(await invoke(fatimaPart)).toEqual(once); // Teams retried: same answer, stored once
    expect(textsOf(once.value)[0]).toBe('Deel 2 van 9: Recht doen aan belangen');
    await sendAnswers(fatima);

    await part(marloes, { i0: '2' });
    expect((await sendAnswers(marloes)).value).toBe('Bedankt! Je antwoorden zijn verstuurd. Je kunt ze nog wijzigen tot de reflectie sluit.');

    const answers = await bot.store.db.selectFrom('reflection_answers').select(['member_id', 'item_id', 'value']).where('run_id', '=', runId).execute();
    expect(answers).toHaveLength(4 + 4 + 2 + 4 + 1);
  });

  it('refuses bad answers in Dutch and stores nothing of them', async () => {
    const before = await bot.store.db.selectFrom('reflection_answers').select('value').where('run_id', '=', runId).execute();
    expect((await part(pieter, { i0: '7' })).value).toBe('Kies bij elke vraag een antwoord uit de lijst.');
    expect((await part(pieter, { i6: '3' })).value).toBe('Deze kaart bevat een vraag die niet (meer) bestaat. Klik opnieuw op Invullen.');
    expect((await part(pieter, { i4: 'x'.repeat(2011) })).value).toBe('Een antwoord is te lang (hoogstens 2000 tekens).');
    expect((await part(pieter, { i0: '1', extra: 'ja' })).value).toBe('Dit kon ik niet verwerken. Controleer wat je hebt ingevuld en probeer het opnieuw.');
    expect((await part(pieter, { v: '0', i0: '1' })).value).toBe('Deze kaart hoort bij een andere versie van de vragenlijst. Klik opnieuw op Invullen.');
    expect((await invoke(execute(w({ where: 'personal' }), pieter, 'reflection.part', { runId: '11111111-1111-4111-8111-111111111111', v: '1', part: '0', nav: 'next', i0: '1' }))).value).toBe(
      'Deze kaart is verouderd. Typ de opdracht opnieuw voor een nieuwe kaart.',
    );
    const after = await bot.store.db.selectFrom('reflection_answers').select('value').where('run_id', '=', runId).execute();
    expect(after).toEqual(before);
  });

  it('updates the shared card in place, coalesced, with the count from the database', async () => {
    const update = await connector.waitFor((r) => r.method === 'PUT' && r.activityId === channelCardId && textsOf(cardOf(r.body)).includes('5 van 7 hebben ingevuld.'), 12_000);
    expect(textsOf(cardOf(update.body))).toEqual(expect.arrayContaining(['ROC Noord: 2 van 3', 'Vmbo De Schakel: 3 van 3', 'Zonder school: 0 van 1']));
    // Five submits within a few seconds: at most one update per window, not five.
    const puts = connector.updates().filter((r) => r.activityId === channelCardId);
    expect(puts.length).toBeLessThanOrEqual(3);
  });

  it('closes on "reflectie sluiten" and posts the summary with figures worked out by hand', async () => {
    await post(bot.messagesUrl, channelMessage(w(), pieter, 'reflectie sluiten'));
    expect(connector.sent().at(-1)!.body.text).toBe('Dit mag alleen de projectleider.');
    await post(bot.messagesUrl, channelMessage(w(), sanne, 'reflectie sluiten'));
    expect(connector.sent().at(-1)!.body.text).toBe('De reflectie wordt gesloten. De samenvatting komt zo in het kanaal.');

    const summary = await connector.waitFor((r) => r.conversationId === TEAM_ID && textsOf(cardOf(r.body))[0] === 'Uitslag reflectie 1', 10_000);
    const texts = textsOf(cardOf(summary.body));
    expect(texts).toContain('5 van de 7 uitgenodigden hebben ingevuld. Hieronder staan alleen totalen, nooit antwoorden van één persoon. Groepen kleiner dan 3 tonen we niet.');
    // c1: 14 answers 4,5,3,4 | 2,3,3 | 5,4 | 1,2,2,3 | 2 = 43 -> 3.07; spread sqrt(151/14 - (43/14)^2) = 1.16.
    expect(texts).toContain('**Werken aan een gedeelde ambitie**: gemiddeld **3,1** van de 5 (5 mensen; de meningen lopen sterk uiteen)  \n1: 1 · 2: 4 · 3: 4 · 4: 3 · 5: 2 · weet ik niet: 1');
    // Three vmbo respondents and two mbo: the two are hidden, and so are the three, or the two could be worked out.
    expect(texts).toContain('Vmbo De Schakel: te weinig antwoorden');
    expect(texts).toContain('ROC Noord: te weinig antwoorden');
    expect(texts).toContain('vmbo: te weinig antwoorden');
    expect(texts.join('\n')).not.toMatch(/Pieter|Kees|Anna|Fatima|Marloes/);

    const closedCard = await connector.waitFor((r) => r.method === 'PUT' && r.activityId === channelCardId && textsOf(cardOf(r.body))[0] === 'Reflectie gesloten', 10_000);
    expect(buttonsOf(cardOf(closedCard.body))).toEqual([]);
    expect((await part(pieter, { i0: '1' })).value).toBe('Deze reflectie is gesloten. Je kunt niets meer wijzigen.');
  });

  it('the projectleider gets a fresh CSV link (no names); a docent does not', async () => {
    expect((await invoke(execute(w(), pieter, 'reflection.csv', { runId }))).value).toBe('Dit mag alleen de projectleider.');
    const res = await invoke(execute(w(), sanne, 'reflection.csv', { runId }));
    const link = buttonsOf(res.value).find((b) => b.title === 'Open de download');
    const url = JSON.stringify(res.value).match(/"url":"([^"]+)"/)![1]!;
    expect(link).toBeDefined();
    const csv = await (await fetch(url)).text();
    expect(csv).toContain('totaal;Werken aan een gedeelde ambitie;5;3,07;1,16;1;4;4;3;2;1');
    expect(csv).toContain('school: ROC Noord;;te weinig antwoorden');
    expect(csv).not.toMatch(/Pieter|Fatima|aad0000/);
  });
});
