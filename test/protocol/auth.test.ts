import http from 'node:http';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../helpers/botServer.js';
import { installInTeam } from '../helpers/teams.js';

/**
 * Production mode with real JWT validation by botbuilder. The Bot Connector's signing keys
 * are served by a local OpenID document, so tokens we sign here are valid tokens.
 */
const APP_ID = '6a1f0c55-0000-4000-8000-00000000b0t1';
const TENANT = 'tenant-allowed';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const KID = 'test-key-1';

let metadata: http.Server;
let metadataUrl = '';
let bot: RunningBot;
const logLines: string[] = [];

/** A Bot Connector token as botbuilder expects it; each test changes one claim. */
function token(claims: Record<string, unknown> = {}, key = privateKey) {
  const now = Math.floor(Date.now() / 1000);
  return jwt.sign({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: SERVICE_URL, iat: now, nbf: now, exp: now + 300, ...claims }, key, { algorithm: 'RS256', keyid: KID });
}

function activity(tenant: string) {
  // A member leaving: needs no reply, so no outbound token is needed either.
  return {
    type: 'conversationUpdate',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: { id: '29:someone', aadObjectId: 'aad-someone' },
    recipient: { id: `28:${APP_ID}`, name: 'Leerlab' },
    conversation: { id: '19:general@thread.tacv2', conversationType: 'channel', tenantId: tenant, isGroup: true },
    membersRemoved: [{ id: '29:leaver', aadObjectId: 'aad-leaver' }],
    channelData: { tenant: { id: tenant }, team: { id: '19:general@thread.tacv2' }, eventType: 'teamMemberRemoved' },
  };
}

async function post(body: unknown, headers: Record<string, string> = {}, url = bot.messagesUrl) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return res.status;
}

/** Whether the bot recorded this activity as handled: each test looks at its own activity only. */
async function handled(a: { id: string }) {
  return (await bot.store.db.selectFrom('handled_activities').select('activity_id').where('activity_id', '=', a.id).execute()).length > 0;
}

const logged = () => logLines.map((l) => JSON.parse(l) as { level: number; msg: string; reason?: string; ref?: string; err?: { message?: string } });

function keyServer(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  return new Promise<{ server: http.Server; url: string }>((resolve) => {
    const server = http.createServer(answer);
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` }));
  });
}

const productionEnv = (openIdMetadataUrl: string) => ({
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  MicrosoftAppId: APP_ID,
  MicrosoftAppPassword: 'not-used-here',
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: TENANT,
  ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
});

beforeAll(async () => {
  ({ server: metadata, url: metadataUrl } = await keyServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url?.startsWith('/.well-known')) {
      res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${metadataUrl}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else {
      res.end(JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: KID, use: 'sig', alg: 'RS256', endorsements: ['msteams'] }] }));
    }
  }));
  bot = await startBot({ env: productionEnv(`${metadataUrl}/.well-known/openidconfiguration`), logLines });
});

afterAll(async () => {
  await bot?.stop();
  await new Promise((r) => metadata?.close(r));
});

beforeEach(() => {
  logLines.length = 0;
});

describe('authentication in production', () => {
  it('answers 401 to a request without a token and stores nothing', async () => {
    const a = activity(TENANT);
    expect(await post(a)).toBe(401);
    expect(await handled(a)).toBe(false);
    expect(logged().filter((l) => l.level === 40).map((l) => [l.msg, l.reason])).toEqual([['unauthenticated request refused', 'Unauthorized Access. Request is not authorized']]);
  });

  // Each token differs from a valid one (the last test) in one claim or in its key.
  it.each([
    ['signed by someone else', () => token({}, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey), 'invalid signature'],
    ['for another app (audience)', () => token({ aud: 'another-bots-app-id' }), 'Unauthorized. Invalid AppId passed on token: another-bots-app-id'],
    ['expired an hour ago', () => token({ iat: Math.floor(Date.now() / 1000) - 7200, nbf: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 }), 'The token has expired'],
    ['from another issuer', () => token({ iss: 'https://sts.windows.net/evil/' }), 'Unauthorized. No valid identity.'],
    ['for another serviceUrl', () => token({ serviceurl: 'https://smba.trafficmanager.net/amer/' }), 'Unauthorized. ServiceUrl claim do not match.'],
  ])('answers 401 to a token %s, logs why, and stores nothing', async (_name, make, reason) => {
    const a = activity(TENANT);
    expect(await post(a, { authorization: `Bearer ${make()}` })).toBe(401);
    expect(await handled(a)).toBe(false);
    expect(logged().filter((l) => l.level >= 40).map((l) => [l.level, l.msg, l.reason])).toEqual([[40, 'unauthenticated request refused', reason]]);
  });

  it('answers 403 to a valid token installing the bot in another tenant, and stores nothing', async () => {
    const install = { ...installInTeam({ serviceUrl: SERVICE_URL, tenantId: 'tenant-evil' }), recipient: { id: `28:${APP_ID}`, name: 'Leerlab' }, membersAdded: [{ id: `28:${APP_ID}` }] };
    expect(await post(install, { authorization: `Bearer ${token()}` })).toBe(403);
    expect(await bot.store.db.selectFrom('partnerships').selectAll().where('tenant_id', '=', 'tenant-evil').execute()).toEqual([]);
    expect(await bot.store.db.selectFrom('conversation_refs').selectAll().where('tenant_id', '=', 'tenant-evil').execute()).toEqual([]);
    expect(await handled(install)).toBe(false);
  });

  it('accepts a valid token from the allowed tenant', async () => {
    const a = activity(TENANT);
    expect(await post(a, { authorization: `Bearer ${token()}` })).toBe(200);
    expect(await handled(a)).toBe(true);
  });

  it('answers 500 and logs an error when the signing keys cannot be loaded: that is not the caller failing to authenticate', async () => {
    const down = await keyServer((_req, res) => {
      res.statusCode = 503;
      res.end();
    });
    const lines: string[] = [];
    const other = await startBot({ env: productionEnv(`${down.url}/.well-known/openidconfiguration`), logLines: lines });
    try {
      expect(await post(activity(TENANT), { authorization: `Bearer ${token()}` }, other.messagesUrl)).toBe(500);
      const errors = lines.map((l) => JSON.parse(l)).filter((l) => l.level >= 40);
      expect(errors.map((l) => [l.level, l.msg, l.err?.message])).toEqual([[50, 'could not process activity', 'Failed to load openID config: 503']]);
      expect(await other.store.db.selectFrom('handled_activities').selectAll().execute()).toEqual([]);
    } finally {
      await other.stop();
      await new Promise((r) => down.server.close(r));
    }
  });
});
