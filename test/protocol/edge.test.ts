import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../helpers/botServer.js';
import { installInTeam } from '../helpers/teams.js';

/**
 * The hardened HTTP edge, spoken to over raw sockets where a fetch() would hide what matters
 * (when the answer comes relative to the body, how a slow client is cut off).
 */

// Short limits so the cut-offs happen within a test; production defaults are 10 s / 15 s.
const LIMITS = { HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '1500', HTTP_TIMEOUT_CHECK_MS: '100', HTTP_KEEP_ALIVE_TIMEOUT_MS: '2000', HTTP_MAX_CONNECTIONS: '4' };

interface RawExchange {
  /** Everything the server sent. */
  received: string;
  /** Body bytes we managed to send before the server answered or closed. */
  bodyBytesSent: number;
}

/**
 * Sends `head` at once, then the body one byte at a time every `byteEveryMs` (never, when
 * undefined); resolves when the server has answered and closed, or answered and we stop.
 */
function rawRequest(port: number, head: string, body: string, byteEveryMs?: number): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    let bodyBytesSent = 0;
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      clearInterval(timer);
      socket.destroy();
      resolve({ received, bodyBytesSent });
    };
    socket.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'ECONNRESET' ? finish() : reject(err)));
    socket.on('data', (d) => {
      received += d.toString('utf8');
      // A complete answer (headers and the JSON body it announced) is enough.
      const m = /content-length: (\d+)\r\n[\s\S]*?\r\n\r\n([\s\S]*)$/i.exec(received);
      if (m && Buffer.byteLength(m[2]!) >= Number(m[1])) finish();
    });
    socket.on('close', finish);
    socket.on('connect', () => {
      socket.write(head);
      if (byteEveryMs === undefined) return;
      timer = setInterval(() => {
        if (bodyBytesSent >= body.length) return clearInterval(timer);
        socket.write(body[bodyBytesSent++]!);
      }, byteEveryMs);
    });
  });
}

function head(port: number, headers: Record<string, string | number>) {
  return `POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;
}

async function count(bot: RunningBot, table: 'handled_activities' | 'partnerships') {
  const r = await bot.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

function rawGet(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
    let data = '';
    socket.on('data', (d) => (data += d));
    socket.on('error', reject);
    socket.on('close', () => resolve(data));
  });
}

describe('the HTTP edge in local mode', () => {
  let bot: RunningBot;
  let port: number;
  beforeAll(async () => {
    bot = await startBot({ env: LIMITS });
    port = Number(new URL(bot.url).port);
  });
  afterAll(async () => bot.stop());

  it('cuts off a body that trickles in at one byte per second with 408, long before it is complete', async () => {
    const body = JSON.stringify(installInTeam({ serviceUrl: 'http://127.0.0.1:9/' }));
    const res = await rawRequest(port, head(port, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }), body, 1000);
    expect(res.received.startsWith('HTTP/1.1 408')).toBe(true);
    // 1.5 s request timeout checked every 100 ms: at most a few bytes of several hundred.
    expect(body.length).toBeGreaterThan(500);
    expect(res.bodyBytesSent).toBeLessThan(10);
    expect(await count(bot, 'handled_activities')).toBe(0);
  });

  it('answers a form post 415 and changes nothing, so a web page cannot drive the local bot', async () => {
    const form = await fetch(bot.messagesUrl, { method: 'POST', body: new URLSearchParams({ type: 'message', text: 'instellen' }) });
    expect(form.status).toBe(415);
    expect(await form.json()).toEqual({ error: 'content type must be application/json' });
    // text/plain is the other body a browser sends cross-site without asking first.
    const plain = await fetch(bot.messagesUrl, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(installInTeam({ serviceUrl: 'http://127.0.0.1:9/' })) });
    expect(plain.status).toBe(415);
    const gzip = await fetch(bot.messagesUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: 'x' });
    expect(gzip.status).toBe(415);
    expect(await count(bot, 'handled_activities')).toBe(0);
    expect(await count(bot, 'partnerships')).toBe(0);
  });

  it('answers a malformed escape in a download path with 404 and a doubly encoded one with the Dutch 403 page, never 500', async () => {
    expect((await fetch(`${bot.url}/downloads/%ZZ`)).status).toBe(404);
    expect((await fetch(`${bot.url}/downloads/%E0%A4%A`)).status).toBe(404);
    // The router decodes "%25ZZ" to "%ZZ"; decoding that again would throw (a 500).
    const doubly = await fetch(`${bot.url}/downloads/%25ZZ`);
    expect(doubly.status).toBe(403);
    expect(await doubly.text()).toContain('Deze downloadlink klopt niet.');
  });

  it('bounds keep-alive: an idle socket closes after 2 s, any socket after 1,000 requests', async () => {
    const res = await fetch(`${bot.url}/healthz`);
    expect(res.headers.get('keep-alive')).toBe('timeout=2, max=1000');
  });
});

describe('the connection cap', () => {
  let bot: RunningBot;
  let port: number;
  beforeAll(async () => {
    bot = await startBot({ env: { ...LIMITS, HTTP_MAX_CONNECTIONS: '2' } });
    port = Number(new URL(bot.url).port);
  });
  afterAll(async () => bot.stop());

  it('closes a socket beyond the cap without an answer, and serves again once one is free', async () => {
    const open = () => new Promise<net.Socket>((resolve) => { const s = net.connect(port, '127.0.0.1', () => resolve(s)); });
    const first = await open();
    const second = await open();
    const extra = await open();
    const extraAnswer = await new Promise<string>((resolve) => {
      let data = '';
      extra.on('data', (d) => (data += d));
      extra.on('error', () => resolve(data));
      extra.on('close', () => resolve(data));
      extra.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    });
    expect(extraAnswer).toBe('');
    const released = new Promise((r) => first.on('close', r));
    first.destroy();
    second.destroy();
    await released;
    const res = await rawGet(port, '/healthz');
    expect(res.startsWith('HTTP/1.1 200')).toBe(true);
  });
});

describe('the HTTP edge in production', () => {
  let bot: RunningBot;
  let port: number;
  const logLines: string[] = [];
  beforeAll(async () => {
    bot = await startBot({
      logLines,
      env: { ...LIMITS, NODE_ENV: 'production', HOST: '127.0.0.1', MicrosoftAppId: 'edge-app', MicrosoftAppPassword: 'not-used', MicrosoftAppTenantId: 'edge-tenant' },
    });
    port = Number(new URL(bot.url).port);
  });
  afterAll(async () => bot.stop());

  it('answers 401 to a request without a bearer token before its body is sent, with one warning line', async () => {
    const body = JSON.stringify(installInTeam({ serviceUrl: 'http://127.0.0.1:9/' }));
    // No body byte is ever sent: the answer can only come before the body.
    const res = await rawRequest(port, head(port, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }), body);
    expect(res.received.startsWith('HTTP/1.1 401')).toBe(true);
    expect(res.received).toContain('{"error":"unauthorized"}');
    expect(res.bodyBytesSent).toBe(0);
    const basic = await rawRequest(port, head(port, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: 'Basic dXNlcjpwdw==' }), body);
    expect(basic.received.startsWith('HTTP/1.1 401')).toBe(true);
    const warnings = logLines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'unauthenticated request refused' && l.reason === 'no bearer token');
    expect(warnings).toHaveLength(2);
    expect(logLines.join('\n')).not.toContain('"stack"');
    expect(await count(bot, 'handled_activities')).toBe(0);
  });

  it('does wait for the body of a request with a bearer token (cut off at the request timeout) and leaves the token to botbuilder', async () => {
    const body = JSON.stringify(installInTeam({ serviceUrl: 'http://127.0.0.1:9/' }));
    const withoutBody = await rawRequest(port, head(port, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: 'Bearer not-a-jwt' }), body);
    expect(withoutBody.received.startsWith('HTTP/1.1 408')).toBe(true);
    const res = await fetch(bot.messagesUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-jwt' }, body });
    expect(res.status).toBe(401);
    expect(await count(bot, 'handled_activities')).toBe(0);
  });
});
