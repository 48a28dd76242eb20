import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../helpers/botServer.js';
import { startConnector, type FakeConnector } from '../helpers/connector.js';
import { execute, personalConversationId, personalMessage, post, USERS } from '../helpers/teams.js';

let connector: FakeConnector;
let bot: RunningBot;
let logLines: string[] = [];

beforeAll(async () => {
  connector = await startConnector();
});
afterAll(async () => {
  await connector.close();
});
// Each test gets its own bot, so none relies on what an earlier one broke.
beforeEach(async () => {
  logLines = [];
  bot = await startBot({ logLines });
});
afterEach(async () => {
  await bot.app.stop().catch(() => {});
  await bot.store.close().catch(() => {});
});

describe('when something breaks inside a turn', () => {
  it('healthz answers 200 while the store answers, 503 when it does not', async () => {
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    await bot.store.close();
    const res = await fetch(`${bot.url}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'error', db: 'error' });
  });

  it('an invoke still gets 200 with a short Dutch apology and a reference; the log has the stack, not the text', async () => {
    await bot.store.close();
    const res = await post(bot.messagesUrl, execute({ serviceUrl: connector.serviceUrl }, USERS.sanne, 'command.run', { command: 'help' }));
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('application/vnd.microsoft.activity.message');
    expect(res.body.value).toMatch(/^Sorry, er ging iets mis aan onze kant\. .* code door aan de projectleider: [0-9a-f]{8}$/);
    const ref = String(res.body.value).slice(-8);
    const entry = logLines.map((l) => JSON.parse(l)).find((l) => l.ref === ref);
    expect(entry?.msg).toBe('turn failed');
    expect(entry?.err?.stack).toBeTypeOf('string');
  });

  it('a message gets the apology once in the chat, and the user text never reaches the log', async () => {
    await bot.store.close();
    const secret = 'mijn geheime antwoord 4711';
    const res = await post(bot.messagesUrl, personalMessage({ serviceUrl: connector.serviceUrl }, USERS.pieter, secret));
    expect(res.status).toBe(200);
    const replies = connector.sentTo(personalConversationId(USERS.pieter));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body.text).toMatch(/^Sorry, er ging iets mis/);
    expect(logLines.join('\n')).not.toContain('4711');
  });
});

describe('the HTTP edge', () => {
  it('answers unknown paths with 404, wrong methods with 405, bad JSON with 400 and huge bodies with 413', async () => {
    expect((await fetch(`${bot.url}/nope`)).status).toBe(404);
    expect((await fetch(bot.messagesUrl)).status).toBe(405);
    const bad = await fetch(bot.messagesUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type": "message",' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'body is not a JSON object' });
    const huge = await fetch(bot.messagesUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text: 'x'.repeat(1_100_000) }) });
    expect(huge.status).toBe(413);
    // And the server still answers afterwards.
    expect((await fetch(`${bot.url}/nope`)).status).toBe(404);
  });
});
