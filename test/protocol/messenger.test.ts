import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../helpers/botServer.js';
import { startConnector, type FakeConnector } from '../helpers/connector.js';
import { SendError } from '../../src/teams/messenger.js';

let connector: FakeConnector;
let bot: RunningBot;
const address = () => ({ conversationId: 'a:personal-1', serviceUrl: connector.serviceUrl, tenantId: 't', botId: '28:bot', kind: 'personal' as const });

beforeAll(async () => {
  connector = await startConnector();
  bot = await startBot();
});
afterAll(async () => {
  await bot.stop();
  await connector.close();
});

describe('proactive messages', () => {
  it('a refusal by Teams reaches the caller as a SendError with the status (not swallowed by the adapter)', async () => {
    connector.rules = [(r) => (r.method === 'POST' ? { status: 403, body: { error: { code: 'MessageWritesBlocked' } } } : undefined)];
    const err = await bot.app.services.messenger.send(address(), { text: 'Herinnering' }).catch((e) => e);
    expect(err).toBeInstanceOf(SendError);
    expect(err.status).toBe(403);
    connector.rules = [];
  });

  it('a 429 with Retry-After once: the message still goes out, after the wait', async () => {
    let refused = 0;
    connector.rules = [(r) => (r.method === 'POST' && refused++ === 0 ? { status: 429, headers: { 'retry-after': '1' }, body: {} } : undefined)];
    // Only this test's requests count, whatever ran before it.
    const before = connector.requests.length;
    const t0 = Date.now();
    await bot.app.services.messenger.send(address(), { text: 'Herinnering' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(connector.requests.slice(before).filter((r) => r.method === 'POST' && r.conversationId === 'a:personal-1').map((r) => r.status)).toEqual([429, 200]);
    connector.rules = [];
  });
});
