import { beforeAll, describe, expect, it } from 'vitest';
import { feasibilityContent } from '../../src/feasibility/content/index.js';
import { t } from '../../src/i18n/index.js';
import { isoDate } from '../../src/time/amsterdam.js';
import { useInstalledBot } from '../helpers/installedBot.js';
import type { RecordedRequest } from '../helpers/connector.js';
import { buttonsOf, cardOf, CHANNELS, channelMessage, execute, GROUP_CHAT_ID, groupChatMessage, post, submit, textsOf, USERS, type User, newestButton, user } from '../helpers/teams.js';

/**
 * Rule 7 of shared/privacy-model.md over the protocol: a person's own questions and answers,
 * and what is meant for one role, reach only that person's 1:1 chat, whatever conversation
 * they asked in; partnership content never lands in a group chat. Payloads as Teams sends
 * them; what the bot posted is read from the fake Bot Connector.
 */

const h = useInstalledBot();
const { sanne, pieter, fatima, kees, marloes } = USERS;
const PARTNERSHIP = 'Leerlab Noord-Holland';
/** The name as the card shows it: user text is escaped for Teams' markdown. */
const SHOWN = 'Leerlab Noord\\-Holland';
/** The 1:1 chat the fake connector opens for a member (POST /v3/conversations). */
const personalChat = (u: User) => `a:personal-${u.id}`;
let runId = '';

/** What the bot sent to a conversation (channel replies carry ";messageid=" in their id) since `from`. */
function sentSince(from: number, conversation: string): RecordedRequest[] {
  return h.connector.sent().filter((r) => h.connector.requests.indexOf(r) >= from && (r.conversationId === conversation || r.conversationId?.startsWith(`${conversation};`)));
}
const mark = () => h.connector.requests.length;
const texts = (list: RecordedRequest[]) => list.map((r) => r.body.text);
const cards = (list: RecordedRequest[]) => list.map((r) => cardOf(r.body)).filter(Boolean);

beforeAll(async () => {
  const { repo } = h.bot.app.services;
  await repo.rename(h.pid, PARTNERSHIP);
  const [vo, mbo] = await repo.replaceSchools(h.pid, [
    { name: 'Vmbo De Schakel', type: 'vo' },
    { name: 'ROC Noord', type: 'mbo' },
  ]);
  const [zorg] = await repo.replaceWerkgroepen(h.pid, [{ name: 'Docentwerkgroep Zorg', channelId: CHANNELS.docenten.id, channelName: CHANNELS.docenten.name }]);
  const [, pieterId] = await h.addMembers([
    { user: sanne, roles: ['projectleider'] },
    { user: pieter, roles: ['docent'], schoolId: vo!.id, werkgroepIds: [zorg!.id] },
    { user: kees, roles: ['docent'], schoolId: vo!.id, werkgroepIds: [zorg!.id] },
    { user: marloes, roles: ['regiegroep'], schoolId: mbo!.id },
    { user: fatima, roles: ['regiegroep'], schoolId: mbo!.id },
  ]);
  // A part of Pieter's that is overdue: voortgang names him.
  const study = await h.bot.app.feasibility.repo.create({ partnershipId: h.pid, werkgroepId: zorg!.id, memberId: pieterId!, partIds: feasibilityContent().parts.map((p) => p.id) });
  await h.bot.app.feasibility.repo.assign(study.id, 'ambitie', pieterId!, isoDate(Date.now() - 3 * 24 * 3600_000));

  await post(h.bot.messagesUrl, channelMessage(h.w(), sanne, 'reflectie'));
  const start = newestButton(h.connector.sent(), 'Start de reflectie')!.data;
  const started = await h.invoke(execute(h.w(), sanne, 'reflection.start', start, { who: 'all', date: isoDate(Date.now() + 7 * 24 * 3600_000), time: '17:00' }));
  expect(started.value).toBe('De reflectie is gestart. Ik heb een kaart in het kanaal gezet.');
  runId = (await h.bot.app.reflection.repo.openRuns(h.pid))[0]!.id;
});

describe('personal answers go to the 1:1 chat', () => {
  it('"invullen" in a channel: the channel gets one neutral line, the questions arrive in the 1:1 chat', async () => {
    const from = mark();
    await post(h.bot.messagesUrl, channelMessage(h.w(), pieter, 'invullen'));
    const channel = sentSince(from, CHANNELS.general.id);
    expect(texts(channel)).toEqual(['Ik heb je de vragen in je persoonlijke chat gestuurd.']);
    expect(cards(channel)).toEqual([]);
    // The bot opened a 1:1 chat with Pieter, the one who asked, and put the questions there.
    expect(h.connector.created().at(-1)!.body.members.map((m: { id: string }) => m.id)).toEqual([pieter.id]);
    const personal = sentSince(from, personalChat(pieter));
    expect(personal).toHaveLength(1);
    expect(textsOf(cardOf(personal[0]!.body))[0]).toBe('Deel 1 van 9: Werken aan een gedeelde ambitie');
  });

  it('a second time the stored 1:1 chat is used: no new conversation', async () => {
    const created = h.connector.created().length;
    const from = mark();
    await post(h.bot.messagesUrl, channelMessage(h.w(), pieter, 'invullen', CHANNELS.docenten));
    expect(texts(sentSince(from, CHANNELS.docenten.id))).toEqual(['Ik heb je de vragen in je persoonlijke chat gestuurd.']);
    expect(cards(sentSince(from, personalChat(pieter))).map((c) => textsOf(c)[0])).toEqual(['Deel 1 van 9: Werken aan een gedeelde ambitie']);
    expect(h.connector.created()).toHaveLength(created);
  });

  it('an Action.Submit from the channel with answers: they are saved, the next part goes to the 1:1 chat, the channel gets the neutral line', async () => {
    const from = mark();
    // Action.Submit: a message with `value`, inputs as strings, unset inputs absent.
    await post(h.bot.messagesUrl, submit(h.w(), pieter, { verb: 'reflection.part', runId, v: '1', part: '0', nav: 'next', i0: '4', i1: '3' }));
    expect(texts(sentSince(from, CHANNELS.general.id))).toEqual(['Ik heb je de vragen in je persoonlijke chat gestuurd.']);
    expect(cards(sentSince(from, CHANNELS.general.id))).toEqual([]);
    expect(cards(sentSince(from, personalChat(pieter))).map((c) => textsOf(c)[0])).toEqual(['Deel 2 van 9: Recht doen aan belangen']);
    const saved = await h.bot.store.db.selectFrom('reflection_answers').select(['item_id', 'value']).where('run_id', '=', runId).execute();
    expect(saved.map((a) => a.value).sort()).toEqual([3, 4]);
  });

  it('"Invullen" on the channel card as an Action.Submit: the questions in the 1:1 chat, no copy of the channel card in the channel', async () => {
    const from = mark();
    await post(h.bot.messagesUrl, submit(h.w(), kees, { verb: 'reflection.open', runId }));
    const channel = sentSince(from, CHANNELS.general.id);
    expect(texts(channel)).toEqual(['Ik heb je de vragen in je persoonlijke chat gestuurd.']);
    expect(cards(channel)).toEqual([]);
    expect(cards(sentSince(from, personalChat(kees))).map((c) => textsOf(c)[0])).toEqual(['Deel 1 van 9: Werken aan een gedeelde ambitie']);
  });

  it('"geen herinneringen" in a channel: the confirmation in the 1:1 chat', async () => {
    const from = mark();
    await post(h.bot.messagesUrl, channelMessage(h.w(), pieter, 'geen herinneringen'));
    expect(texts(sentSince(from, CHANNELS.general.id))).toEqual(['Ik heb je het antwoord in je persoonlijke chat met Leerlab gestuurd.']);
    expect(texts(sentSince(from, personalChat(pieter)))).toEqual([t.reminders.optOut]);
  });
});

describe('a group chat sees nothing of the partnership', () => {
  it('"voortgang" in a group chat: one neutral line there, the card (with the overdue owner) in the 1:1 chat', async () => {
    const from = mark();
    await post(h.bot.messagesUrl, groupChatMessage(h.w(), sanne, 'voortgang'));
    const group = sentSince(from, GROUP_CHAT_ID);
    expect(texts(group)).toEqual(['Ik heb je het antwoord in je persoonlijke chat met Leerlab gestuurd.']);
    expect(cards(group)).toEqual([]);
    expect(JSON.stringify(group.map((r) => r.body))).not.toMatch(/Pieter|Noord-Holland|Voortgang/);
    const [card] = cards(sentSince(from, personalChat(sanne)));
    expect(textsOf(card)[0]).toBe(`Voortgang ${SHOWN}`);
    expect(textsOf(card).some((x) => x.startsWith('  Te laat: Ambitie en doelgroep (eigenaar Pieter Bakker'))).toBe(true);
  });

  it('"herinneringen", "overeenkomst", "haalbaarheid" and "reflectie" in a group chat answer in the 1:1 chat too', async () => {
    for (const [who, command] of [
      [marloes, 'herinneringen'],
      [marloes, 'overeenkomst'],
      [pieter, 'haalbaarheid'],
      [sanne, 'reflectie'],
    ] as const) {
      const from = mark();
      await post(h.bot.messagesUrl, groupChatMessage(h.w(), who, command));
      expect(texts(sentSince(from, GROUP_CHAT_ID)), command).toEqual(['Ik heb je het antwoord in je persoonlijke chat met Leerlab gestuurd.']);
      expect(cards(sentSince(from, personalChat(who))), command).toHaveLength(1);
    }
    // The feasibility overview is kept up to date where it was posted: in Pieter's 1:1 chat.
    const study = await h.bot.store.db.selectFrom('feasibility_studies').select(['overview_conversation_id', 'overview_activity_id']).where('partnership_id', '=', h.pid).executeTakeFirstOrThrow();
    expect(study.overview_conversation_id).toBe(personalChat(pieter));
    expect(study.overview_activity_id).toMatch(/^act-/);
  });

  it('an Action.Execute from a card in the group chat: the answer in the 1:1 chat, the group chat gets the neutral line', async () => {
    const from = mark();
    const res = await h.invoke(execute(h.w({ where: 'groupChat' }), sanne, 'command.run', { command: 'voortgang' }));
    expect(res).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Ik heb je het antwoord in je persoonlijke chat met Leerlab gestuurd.' });
    expect(sentSince(from, GROUP_CHAT_ID)).toEqual([]);
    expect(cards(sentSince(from, personalChat(sanne))).map((c) => textsOf(c)[0])).toEqual([`Voortgang ${SHOWN}`]);
  });

  it('a refusal stays where it was asked and names nothing of the partnership', async () => {
    const from = mark();
    const created = h.connector.created().length;
    await post(h.bot.messagesUrl, groupChatMessage(h.w(), pieter, 'voortgang'));
    expect(texts(sentSince(from, GROUP_CHAT_ID))).toEqual(['Dit mag alleen de projectleider of de regiegroep.']);
    expect(sentSince(from, personalChat(pieter))).toEqual([]);
    expect(h.connector.created()).toHaveLength(created);
  });
});

describe('when Teams will not open the 1:1 chat', () => {
  it('the channel and the group chat are told to open the personal chat, and get nothing else', async () => {
    // Fatima has no 1:1 chat yet, and Teams refuses to create one (e.g. the app is not installed for her).
    h.connector.rules.push((r) => (r.method === 'POST' && r.path === '/v3/conversations' ? { status: 403, body: { error: { code: 'Forbidden', message: 'The bot is not part of the conversation roster.' } } } : undefined));
    try {
      let from = mark();
      await post(h.bot.messagesUrl, channelMessage(h.w(), fatima, 'invullen'));
      expect(texts(sentSince(from, CHANNELS.general.id))).toEqual(['Ik kon je geen persoonlijk bericht sturen. Open de chat met Leerlab en typ **invullen**.']);
      expect(cards(h.connector.sent().filter((r) => h.connector.requests.indexOf(r) >= from))).toEqual([]);

      from = mark();
      await post(h.bot.messagesUrl, groupChatMessage(h.w(), fatima, 'voortgang'));
      expect(texts(sentSince(from, GROUP_CHAT_ID))).toEqual(['Ik kon je geen persoonlijk bericht sturen. Open je persoonlijke chat met Leerlab en probeer het daar opnieuw.']);
      expect(cards(h.connector.sent().filter((r) => h.connector.requests.indexOf(r) >= from))).toEqual([]);
    } finally {
      h.connector.rules = [];
    }
  });
});

describe('a slow turn in a group chat', () => {
  it('sends no "typing" activity there: the group chat gets the neutral line only (teams-ai 1.7.4 ignored startTypingTimer: false)', async () => {
    // Someone whose 1:1 chat is not open yet: opening it is the first call to Teams, and it
    // takes longer than teams-ai's one-second typing timer.
    const jeroen = user(6, 'Jeroen Smit');
    await h.addMembers([{ user: jeroen, roles: ['regiegroep'] }]);
    h.connector.latencyMs = [1300, 1300];
    try {
      const from = mark();
      await post(h.bot.messagesUrl, groupChatMessage(h.w(), jeroen, 'voortgang'));
      const since = h.connector.requests.filter((r) => h.connector.requests.indexOf(r) >= from);
      expect(since.filter((r) => r.body?.type === 'typing')).toEqual([]);
      expect(texts(sentSince(from, GROUP_CHAT_ID))).toEqual(['Ik heb je het antwoord in je persoonlijke chat met Leerlab gestuurd.']);
      expect(cards(sentSince(from, personalChat(jeroen))).map((c) => textsOf(c)[0])).toEqual([`Voortgang ${SHOWN}`]);
    } finally {
      h.connector.latencyMs = [0, 0];
    }
  });
});
