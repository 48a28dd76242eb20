import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBotProcess } from '../helpers/botProcess.js';

async function waitForHealth(url: string, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.status === 200) return res;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('bot did not become healthy');
}

// Each test starts the bot as its own process through tsx, which alone takes 15 s on a busy
// 2-core machine; the default 30 s left too little room for the rest of the test.
describe('process lifecycle', { timeout: 90_000 }, () => {
  it('starts with no .env in local mode on SQLite and says so loudly', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leerlab-life-'));
    const p = startBotProcess({ DATA_DIR: dir });
    try {
      const res = await waitForHealth(`http://127.0.0.1:${await p.listening}/healthz`);
      expect(await res.json()).toEqual({ status: 'ok', db: 'ok' });
      expect(fs.existsSync(path.join(dir, 'leerlab.db'))).toBe(true);
      expect(p.output()).toContain('LOCAL MODE: no MicrosoftAppId, requests are NOT authenticated');
    } finally {
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
    }
  });

  it('refuses to start in production without credentials, with one clear line', async () => {
    const p = startBotProcess({ NODE_ENV: 'production' });
    expect(await p.exited).toBe(1);
    // A test waiting for this bot's port hears that it died, and why.
    await expect(p.listening).rejects.toThrow(/^the bot process ended \(code 1, signal null\) before it listened:\nNODE_ENV=production needs bot credentials/);
    expect(p.output().trim()).toBe('NODE_ENV=production needs bot credentials; missing: MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId (see env.sample).');
  });

  it('on SIGTERM finishes the turn in flight, then exits 0', async () => {
    // A connector that takes 1.5 s to accept the bot's reply keeps the turn in flight.
    let replies = 0;
    let replyArrived: () => void = () => {};
    const replyStarted = new Promise<void>((r) => (replyArrived = r));
    const connector = http.createServer((req, res) => {
      req.resume();
      replyArrived();
      setTimeout(() => {
        replies++;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ id: `reply-${replies}` }));
      }, 1500);
    });
    await new Promise<void>((r) => connector.listen(0, '127.0.0.1', r));
    const serviceUrl = `http://127.0.0.1:${(connector.address() as { port: number }).port}/`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leerlab-life-'));
    const p = startBotProcess({ DATA_DIR: dir });
    try {
      const bot = `http://127.0.0.1:${await p.listening}`;
      await waitForHealth(`${bot}/healthz`);
      const inFlight = fetch(`${bot}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          id: 'msg-1',
          text: 'help',
          channelId: 'msteams',
          serviceUrl,
          from: { id: '29:u1', aadObjectId: 'aad-u1', name: 'Pieter' },
          recipient: { id: '28:bot', name: 'Leerlab' },
          conversation: { id: 'a:personal-u1', conversationType: 'personal', tenantId: 't1' },
          channelData: { tenant: { id: 't1' } },
        }),
      });
      // The turn is in flight once its reply has reached the connector: stop the bot then.
      await replyStarted;
      p.child.kill('SIGTERM');
      const res = await inFlight;
      expect(res.status).toBe(200);
      expect(replies).toBe(1);
      expect(await p.exited).toBe(0);
      expect(p.output()).toContain('"msg":"stopped"');
    } finally {
      p.child.kill('SIGKILL');
      await new Promise((r) => connector.close(r));
    }
  });
});
