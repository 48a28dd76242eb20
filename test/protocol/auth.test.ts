import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../helpers/botServer.js';
import { APP_ID, listen, memberLeftActivity, productionEnv, SERVICE_URL, startKeyServer, TENANT, type KeyServer } from '../helpers/channelAuth.js';
import { installInTeam } from '../helpers/teams.js';

/**
 * Production mode with real JWT validation by botbuilder. The Bot Connector's signing keys
 * are served by a local OpenID document, so tokens we sign here are valid tokens.
 */
let keys: KeyServer;
let bot: RunningBot;
const logLines: string[] = [];

const activity = (tenant: string) => memberLeftActivity(tenant, randomUUID());

async function post(body: unknown, headers: Record<string, string> = {}, url = bot.messagesUrl) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return res.status;
}

/** Whether the bot recorded this activity as handled: each test looks at its own activity only. */
async function handled(a: { id: string }) {
  return (await bot.store.db.selectFrom('handled_activities').select('activity_id').where('activity_id', '=', a.id).execute()).length > 0;
}

const logged = () => logLines.map((l) => JSON.parse(l) as { level: number; msg: string; reason?: string });

beforeAll(async () => {
  keys = await startKeyServer();
  bot = await startBot({ env: productionEnv(keys.openIdMetadataUrl), logLines });
});

afterAll(async () => {
  await bot?.stop();
  await keys?.close();
});

beforeEach(() => {
  logLines.length = 0;
});

describe('authentication in production', () => {
  it('answers 401 to a request without a token and stores nothing', async () => {
    const a = activity(TENANT);
    expect(await post(a)).toBe(401);
    expect(await handled(a)).toBe(false);
    expect(logged().filter((l) => l.level >= 40).map((l) => [l.level, l.msg, l.reason])).toEqual([[40, 'unauthenticated request refused', 'no bearer token']]);
  });

  // Each token differs from a valid one (accepted below) in one claim or in its key.
  const hourAgo = () => Math.floor(Date.now() / 1000) - 3600;
  it.each([
    ['signed by someone else', () => keys.token({}, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey), 'invalid signature'],
    ['for another app (audience)', () => keys.token({ aud: 'another-bots-app-id' }), 'Unauthorized. Invalid AppId passed on token: another-bots-app-id'],
    // An hour is well past botbuilder's 5 minutes of clock tolerance.
    ['expired an hour ago', () => keys.token({ iat: hourAgo() - 3600, nbf: hourAgo() - 3600, exp: hourAgo() }), 'The token has expired'],
    ['from another issuer', () => keys.token({ iss: 'https://sts.windows.net/evil/' }), 'Unauthorized. No valid identity.'],
    ['for another serviceUrl', () => keys.token({ serviceurl: 'https://smba.trafficmanager.net/amer/' }), 'Unauthorized. ServiceUrl claim do not match.'],
  ])('answers 401 to a token %s, logs why, and stores nothing', async (_name, make, reason) => {
    const a = activity(TENANT);
    expect(await post(a, { authorization: `Bearer ${make()}` })).toBe(401);
    expect(await handled(a)).toBe(false);
    expect(logged().filter((l) => l.level >= 40).map((l) => [l.level, l.msg, l.reason])).toEqual([[40, 'unauthenticated request refused', reason]]);
  });

  it('answers 403 to a valid token installing the bot in another tenant, and stores nothing', async () => {
    const install = { ...installInTeam({ serviceUrl: SERVICE_URL, tenantId: 'tenant-evil' }), recipient: { id: `28:${APP_ID}`, name: 'Leerlab' }, membersAdded: [{ id: `28:${APP_ID}` }] };
    expect(await post(install, { authorization: `Bearer ${keys.token()}` })).toBe(403);
    expect(await bot.store.db.selectFrom('partnerships').selectAll().where('tenant_id', '=', 'tenant-evil').execute()).toEqual([]);
    expect(await bot.store.db.selectFrom('conversation_refs').selectAll().where('tenant_id', '=', 'tenant-evil').execute()).toEqual([]);
    expect(await handled(install)).toBe(false);
  });

  it('accepts a valid token from the allowed tenant', async () => {
    const a = activity(TENANT);
    expect(await post(a, { authorization: `Bearer ${keys.token()}` })).toBe(200);
    expect(await handled(a)).toBe(true);
  });

  it('answers 500 and logs an error when the signing keys cannot be loaded: that is not the caller failing to authenticate', async () => {
    const down = await listen((_req, res) => {
      res.statusCode = 503;
      res.end();
    });
    const lines: string[] = [];
    const other = await startBot({ env: productionEnv(`${down.url}/.well-known/openidconfiguration`), logLines: lines });
    try {
      expect(await post(activity(TENANT), { authorization: `Bearer ${keys.token()}` }, other.messagesUrl)).toBe(500);
      const errors = lines.map((l) => JSON.parse(l)).filter((l) => l.level >= 40);
      expect(errors.map((l) => [l.level, l.msg, l.err?.message])).toEqual([[50, 'could not process activity', 'Failed to load openID config: 503']]);
      expect(await other.store.db.selectFrom('handled_activities').selectAll().execute()).toEqual([]);
    } finally {
      await other.stop();
      await new Promise((r) => down.server.close(r));
    }
  });
});
