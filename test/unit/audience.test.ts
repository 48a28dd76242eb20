import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { answersHere, type AnswerDelivery } from '../../src/core/audience.js';
import { UserError } from '../../src/core/errors.js';
import { Router } from '../../src/core/router.js';
import type { ActionResult, ConversationAddress, ConversationType, Outgoing, TurnInfo, TurnIO } from '../../src/core/types.js';

/** The router's placement of answers (rule 7 of the privacy model) with a fake 1:1 delivery. */

type Scope = { pid: string };
const card = (title: string) => ({ type: 'AdaptiveCard' as const, body: [{ type: 'TextBlock', text: title }] });

function turn(type: ConversationType): TurnInfo {
  return {
    activityId: 'act-1',
    conversationId: type === 'personal' ? 'a:own' : type === 'channel' ? '19:general@thread.tacv2;messageid=1' : '19:group@thread.v2',
    conversationType: type,
    tenantId: 'tenant',
    teamId: type === 'channel' ? '19:general@thread.tacv2' : undefined,
    serviceUrl: 'http://127.0.0.1:1/',
    botId: '28:bot',
    from: { teamsUserId: '29:asker', name: 'Asker' },
  };
}
const io = {} as TurnIO;

function setup(options: { opens?: boolean; scope?: 'none' } = {}) {
  const delivered: Array<{ to: string; message: Outgoing; scope?: Scope }> = [];
  const late: Array<{ to: string; result: ActionResult }> = [];
  const personal: ConversationAddress = { conversationId: 'a:personal-asker', serviceUrl: 'http://127.0.0.1:1/', tenantId: 'tenant', botId: '28:bot', kind: 'personal' };
  const delivery: AnswerDelivery<Scope> = {
    async toPersonalChat(_turn, scope, message) {
      if (options.opens === false) return undefined;
      delivered.push({ to: personal.conversationId, message, scope });
      return { address: personal, activityId: `act-${delivered.length + 100}` };
    },
    later(address, work) {
      void work.then((result) => late.push({ to: address.conversationId, result }));
    },
  };
  const router = new Router<object, Scope>({}, async () => {
    if (options.scope === 'none') throw new UserError('Geen partnerschap.');
    return { scope: { pid: 'p1' } };
  }, delivery);
  const recorded: Array<[string, string]> = [];
  router.addCommand({ words: ['eigen'], audience: 'personal', notes: { sent: 'In je chat.', unreachable: 'Open je chat.' }, handle: async () => ({ card: card('Jouw antwoorden'), sent: async (id, conv) => void recorded.push([id, conv]) }) });
  router.addCommand({ words: ['stand'], handle: async () => ({ card: card('Stand van het partnerschap') }) });
  router.addCommand({ words: ['weigeren'], audience: 'personal', handle: async () => { throw new UserError('Dit mag alleen de projectleider.'); } });
  router.addCommand({ words: ['traag'], audience: 'personal', handle: async () => ({ message: 'Even geduld.', later: Promise.resolve({ card: card('Later') }) }) });
  router.addCommand({ words: ['hulp'], scope: 'optional', handle: async (_ctx, scope) => ({ message: scope ? `Hulp voor ${scope.pid}` : 'Algemene hulp' }) });
  router.addAction({ verb: 'open', schema: z.object({ pid: z.string() }).strict(), partnership: (d) => d.pid, audience: 'personal', handle: async () => ({ card: card('Deel 1'), sharedCard: card('Kanaalkaart') }) });
  return { router, delivered, late, recorded };
}

describe('answersHere', () => {
  it('personal answers only in the 1:1 chat, partnership content in the 1:1 chat and the Team channels, never in a group chat', () => {
    expect([answersHere('personal', 'personal'), answersHere('channel', 'personal'), answersHere('groupChat', 'personal')]).toEqual([true, false, false]);
    expect([answersHere('personal', 'partnership'), answersHere('channel', 'partnership'), answersHere('groupChat', 'partnership')]).toEqual([true, true, false]);
    expect([answersHere('personal', 'anyone'), answersHere('channel', 'anyone'), answersHere('groupChat', 'anyone')]).toEqual([true, true, true]);
  });
});

describe('the router places answers by their audience', () => {
  it('a personal answer asked in a channel goes to the 1:1 chat; the channel gets the neutral line; `sent` learns the 1:1 message', async () => {
    const { router, delivered, recorded } = setup();
    expect(await router.onText(turn('channel'), io, 'eigen')).toEqual({ message: 'In je chat.' });
    expect(delivered).toEqual([{ to: 'a:personal-asker', message: { card: card('Jouw antwoorden') }, scope: { pid: 'p1' } }]);
    expect(recorded).toEqual([['act-101', 'a:personal-asker']]);
  });

  it('in the 1:1 chat the answer stays as it is', async () => {
    const { router, delivered } = setup();
    const result = await router.onText(turn('personal'), io, 'eigen');
    expect('card' in result && result.card).toEqual(card('Jouw antwoorden'));
    expect(delivered).toEqual([]);
  });

  it('partnership content answers in a channel, but from a group chat it goes to the 1:1 chat with the general line', async () => {
    const { router, delivered } = setup();
    const inChannel = await router.onText(turn('channel'), io, 'stand');
    expect('card' in inChannel && inChannel.card).toEqual(card('Stand van het partnerschap'));
    expect(await router.onText(turn('groupChat'), io, 'stand')).toEqual({ message: 'Ik heb je het antwoord in je persoonlijke chat met Leerlab gestuurd.' });
    expect(delivered.map((d) => d.message)).toEqual([{ card: card('Stand van het partnerschap') }]);
  });

  it('when the 1:1 chat cannot be opened, the shared conversation gets the "open your chat" line and nothing of the answer', async () => {
    const { router } = setup({ opens: false });
    expect(await router.onText(turn('channel'), io, 'eigen')).toEqual({ message: 'Open je chat.' });
    expect(await router.onText(turn('groupChat'), io, 'stand')).toEqual({
      message: 'Ik kon je geen persoonlijk bericht sturen. Open je persoonlijke chat met Leerlab en probeer het daar opnieuw.',
    });
  });

  it('a refusal stays where it was asked: it opens no chat', async () => {
    const { router, delivered } = setup();
    expect(await router.onText(turn('channel'), io, 'weigeren')).toEqual({ message: 'Dit mag alleen de projectleider.' });
    expect(delivered).toEqual([]);
  });

  it('a late answer follows the first one: to the 1:1 chat when that is where the answer went, else to the conversation asked in', async () => {
    const { router, delivered, late } = setup();
    expect(await router.onText(turn('channel'), io, 'traag')).toEqual({ message: 'Ik heb je het antwoord in je persoonlijke chat met Leerlab gestuurd.' });
    expect(delivered.map((d) => d.message)).toEqual([{ text: 'Even geduld.' }]);
    expect(await router.onText(turn('personal'), io, 'traag')).toEqual({ message: 'Even geduld.' });
    await new Promise((r) => setImmediate(r));
    expect(late.map((l) => [l.to, 'card' in l.result && l.result.card])).toEqual([
      ['a:personal-asker', card('Later')],
      ['a:own', card('Later')],
    ]);
  });

  it('a card action with a shared card: delivered in the 1:1 chat, answered with the shared card and the neutral line', async () => {
    const { router, delivered } = setup();
    expect(await router.onAction(turn('channel'), io, 'open', { pid: 'p1' })).toEqual({ message: 'Ik heb je het antwoord in je persoonlijke chat met Leerlab gestuurd.', sharedCard: card('Kanaalkaart') });
    expect(delivered.map((d) => d.message)).toEqual([{ card: card('Deel 1') }]);
  });

  it('a command that found no partnership says nothing of one: it answers anywhere', async () => {
    const { router, delivered } = setup({ scope: 'none' });
    expect(await router.onText(turn('groupChat'), io, 'hulp')).toEqual({ message: 'Algemene hulp' });
    expect(delivered).toEqual([]);
    const scoped = setup();
    expect(await scoped.router.onText(turn('groupChat'), io, 'hulp')).toEqual({ message: 'Ik heb je het antwoord in je persoonlijke chat met Leerlab gestuurd.' });
    expect(scoped.delivered.map((d) => d.message)).toEqual([{ text: 'Hulp voor p1' }]);
  });
});
