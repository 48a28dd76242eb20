import http from 'node:http';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../helpers/botServer.js';

/**
 * Production mode with real JWT validation by botbuilder. The Bot Connector's signing keys
 * are served by a local OpenID document, so tokens we sign here are valid tokens.
 */
const APP_ID = '6a1f0c55-0000-4000-8000-00000000b0t1';
const TENANT = 'tenant-allowed';
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const KID = 'test-key-1';

let metadata: http.Server;
let metadataUrl = '';
let bot: RunningBot;

function token(serviceUrl: string, overrides: Record<string, unknown> = {}) {
  return jwt.sign({ serviceurl: serviceUrl, ...overrides }, privateKey, {
    algorithm: 'RS256',
    keyid: KID,
    issuer: 'https://api.botframework.com',
    audience: APP_ID,
    expiresIn: '5m',
  });
}

function activity(tenant: string) {
  // A member leaving: needs no reply, so no outbound token is needed either.
  return {
    type: 'conversationUpdate',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    from: { id: '29:someone', aadObjectId: 'aad-someone' },
    recipient: { id: `28:${APP_ID}`, name: 'Leerlab' },
    conversation: { id: '19:general@thread.tacv2', conversationType: 'channel', tenantId: tenant, isGroup: true },
    membersRemoved: [{ id: '29:leaver', aadObjectId: 'aad-leaver' }],
    channelData: { tenant: { id: tenant }, team: { id: '19:general@thread.tacv2' }, eventType: 'teamMemberRemoved' },
  };
}

async function post(body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(bot.messagesUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return res.status;
}

async function count(table: 'handled_activities' | 'partnerships') {
  const r = await bot.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

beforeAll(async () => {
  metadata = http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url?.startsWith('/.well-known')) {
      res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${metadataUrl}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else {
      res.end(JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: KID, use: 'sig', alg: 'RS256', endorsements: ['msteams'] }] }));
    }
  });
  await new Promise<void>((r) => metadata.listen(0, '127.0.0.1', r));
  metadataUrl = `http://127.0.0.1:${(metadata.address() as { port: number }).port}`;
  bot = await startBot({
    env: {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-used-here',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: TENANT,
      ToBotFromChannelOpenIdMetadataUrl: `${metadataUrl}/.well-known/openidconfiguration`,
    },
  });
});

afterAll(async () => {
  await bot?.stop();
  await new Promise((r) => metadata?.close(r));
});

describe('authentication in production', () => {
  it('answers 401 to a request without a token and stores nothing', async () => {
    expect(await post(activity(TENANT))).toBe(401);
    expect(await count('handled_activities')).toBe(0);
  });

  it('answers 401 to a token signed by someone else', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const forged = jwt.sign({ serviceurl: activity(TENANT).serviceUrl }, other, { algorithm: 'RS256', keyid: KID, issuer: 'https://api.botframework.com', audience: APP_ID });
    expect(await post(activity(TENANT), { authorization: `Bearer ${forged}` })).toBe(401);
  });

  it('answers 403 to a valid token from another tenant and stores nothing', async () => {
    const a = activity('tenant-evil');
    expect(await post(a, { authorization: `Bearer ${token(a.serviceUrl)}` })).toBe(403);
    expect(await count('handled_activities')).toBe(0);
    expect(await count('partnerships')).toBe(0);
  });

  it('accepts a valid token from the allowed tenant', async () => {
    const a = activity(TENANT);
    expect(await post(a, { authorization: `Bearer ${token(a.serviceUrl)}` })).toBe(200);
    expect(await count('handled_activities')).toBe(1);
  });
});
