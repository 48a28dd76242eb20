import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../helpers/botServer.js';
import { startConnector, type FakeConnector } from '../helpers/connector.js';
import { cardOf, installInTeam, personalConversationId, personalMessage, post, TEAM_ID, TENANT_ID, textsOf, USERS } from '../helpers/teams.js';

/**
 * A slow store for one repository method: while held, calls wait until the test lets them
 * through. The voortgang card reads its figures through ProgressRepo, so building it takes as
 * long as the test wants, without a timer in the test and without anything in src/ knowing.
 * (Holding a query inside Kysely would hold SQLite's only connection, and every other query.)
 */
class Gate {
  private open: Promise<void> | undefined;
  /** Calls that reached the gate and are waiting. */
  waiting = 0;

  /** Wraps `target[key]` so that its calls pass through this gate. */
  around<T extends object, K extends keyof T>(target: T, key: K): void {
    const original = (target[key] as (...args: unknown[]) => Promise<unknown>).bind(target);
    target[key] = (async (...args: unknown[]) => {
      if (this.open) {
        this.waiting++;
        await this.open;
        this.waiting--;
      }
      return original(...args);
    }) as T[K];
  }

  /** Holds calls from now on; call the result to let them through. */
  hold(): () => void {
    let release!: () => void;
    this.open = new Promise<void>((r) => (release = r));
    return () => {
      this.open = undefined;
      release();
    };
  }
}

const slowReads = new Gate();
let connector: FakeConnector;
let bot: RunningBot;
const chat = personalConversationId(USERS.sanne);
const w = () => ({ serviceUrl: connector.serviceUrl });

beforeAll(async () => {
  connector = await startConnector();
  bot = await startBot();
  slowReads.around(bot.app.progress.repo, 'read');
  await post(bot.messagesUrl, installInTeam(w()));
  const { repo } = bot.app.services;
  const p = (await repo.findByTeam(TENANT_ID, TEAM_ID))!;
  await repo.rename(p.id, 'Leerlab Zuid');
  const [id] = await repo.upsertMembers(p.id, [{ teamsUserId: USERS.sanne.id, aadObjectId: USERS.sanne.aadObjectId, name: USERS.sanne.name }]);
  await repo.assignMember(id!, p.id, { roles: ['projectleider'], schoolId: null, werkgroepIds: [] });
});
afterAll(async () => {
  await bot?.stop();
  await connector?.close();
});

describe('voortgang when building the card is slow', () => {
  it('answers the card itself when the store is quick', async () => {
    connector.reset();
    const msg = personalMessage(w(), USERS.sanne, 'voortgang');
    await post(bot.messagesUrl, msg);
    const replies = connector.sentTo(chat).filter((r) => r.body.type === 'message');
    expect(replies.map((r) => [r.activityId, textsOf(cardOf(r.body))[0]])).toEqual([[msg.id, 'Voortgang Leerlab Zuid']]);
  });

  it('says "bezig" at once and sends the card as a new message when it is ready', async () => {
    connector.reset();
    const release = slowReads.hold();
    const msg = personalMessage(w(), USERS.sanne, 'voortgang');
    // The turn ends after the 1.5 s the bot waits for the card, with the card still being built.
    expect((await post(bot.messagesUrl, msg)).status).toBe(200);
    expect(slowReads.waiting).toBe(1);
    // Messages only: teams-ai also sends a typing indicator once a turn takes over a second.
    const messages = () => connector.sentTo(chat).filter((r) => r.body.type === 'message');
    expect(messages().map((r) => [r.activityId, r.body.text])).toEqual([[msg.id, 'Even geduld: ik verzamel de voortgang en stuur hem zo in deze chat.']]);

    release();
    // Proactive (outside the turn): not a reply to the user's message.
    const late = await connector.waitFor((r) => r.conversationId === chat && cardOf(r.body) !== undefined);
    expect(late.activityId).not.toBe(msg.id);
    expect(late.body.replyToId).not.toBe(msg.id);
    expect(textsOf(cardOf(late.body))[0]).toBe('Voortgang Leerlab Zuid');
    expect(textsOf(cardOf(late.body))).toContain('Nog geen reflectie gestart.');
    expect(messages()).toHaveLength(2);
  });
});
