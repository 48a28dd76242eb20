import http from 'node:http';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';

/**
 * The Bot Connector's side of authentication for production-mode tests: an OpenID document
 * and signing key served on 127.0.0.1, and tokens signed with that key, so botbuilder's real
 * JWT validation accepts them. Point the bot at it with ToBotFromChannelOpenIdMetadataUrl.
 */
export const APP_ID = '6a1f0c55-0000-4000-8000-00000000b0t1';
export const TENANT = 'tenant-allowed';
export const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const KID = 'test-key-1';

export interface KeyServer {
  openIdMetadataUrl: string;
  /** A valid channel token; each claim can be overridden, or another key used. */
  token(claims?: Record<string, unknown>, key?: KeyObject): string;
  close(): Promise<void>;
}

export function listen(answer: http.RequestListener): Promise<{ server: http.Server; url: string }> {
  return new Promise((resolve) => {
    const server = http.createServer(answer);
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` }));
  });
}

export async function startKeyServer(): Promise<KeyServer> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let base = '';
  const { server, url } = await listen((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url?.startsWith('/.well-known')) {
      res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else {
      res.end(JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: KID, use: 'sig', alg: 'RS256', endorsements: ['msteams'] }] }));
    }
  });
  base = url;
  return {
    openIdMetadataUrl: `${url}/.well-known/openidconfiguration`,
    token(claims = {}, key = privateKey) {
      const now = Math.floor(Date.now() / 1000);
      return jwt.sign({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: SERVICE_URL, iat: now, nbf: now, exp: now + 300, ...claims }, key, { algorithm: 'RS256', keyid: KID });
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** The environment of a production bot that trusts the given key server. */
export function productionEnv(openIdMetadataUrl: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'not-used-here',
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppTenantId: TENANT,
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
  };
}

/** A member leaving the Team: needs no reply, so the bot needs no outbound token either. */
export function memberLeftActivity(tenant: string, id: string) {
  return {
    type: 'conversationUpdate',
    id,
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: { id: '29:someone', aadObjectId: 'aad-someone' },
    recipient: { id: `28:${APP_ID}`, name: 'Leerlab' },
    conversation: { id: '19:general@thread.tacv2', conversationType: 'channel', tenantId: tenant, isGroup: true },
    membersRemoved: [{ id: '29:leaver', aadObjectId: 'aad-leaver' }],
    channelData: { tenant: { id: tenant }, team: { id: '19:general@thread.tacv2' }, eventType: 'teamMemberRemoved' },
  };
}
