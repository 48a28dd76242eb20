import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberLeftActivity, productionEnv, startKeyServer, TENANT, type KeyServer } from '../helpers/channelAuth.js';

/**
 * The real process in production mode, as it logs: botbuilder prints refused tokens with
 * console.error (a stack per request) unless the bot routes that output. Whatever reaches
 * stdout or stderr is what an operator would read.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let keys: KeyServer;
let child: ChildProcess;
let stdout = '';
let stderr = '';
let messagesUrl = '';
let exited: Promise<number | null>;

/** Complete log lines so far (pino writes one JSON object per line). */
const lines = () =>
  stdout
    .split('\n')
    .slice(0, -1)
    .map((l) => JSON.parse(l) as { level: number; msg: string; reason?: string; port?: number });

beforeAll(async () => {
  keys = await startKeyServer();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leerlab-authlog-'));
  // The parent's environment passes through (PATH, and e.g. faketime's LD_PRELOAD/FAKETIME).
  child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...productionEnv(keys.openIdMetadataUrl), PORT: '0', DATA_DIR: dataDir, DATABASE_URL: '', ALLOWED_TENANTS: '', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  child.stderr!.on('data', (d) => (stderr += d));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      stdout += d;
      const up = lines().find((l) => l.msg === 'leerlab bot listening');
      if (up?.port) resolve(up.port);
    });
    void exited.then((code) => reject(new Error(`bot exited with ${code}: ${stderr}`)));
  });
  messagesUrl = `http://127.0.0.1:${port}/api/messages`;
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await exited;
  }
  await keys?.close();
});

describe('an unauthenticated request in the production process', () => {
  it('logs one warning line per request, and no stack trace anywhere', async () => {
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    const attempts: Array<Record<string, string>> = [
      {},
      // botframework-connector console.errors a TokenExpiredError with its stack for this one...
      { authorization: `Bearer ${keys.token({ iat: hourAgo - 3600, nbf: hourAgo - 3600, exp: hourAgo })}` },
      // ...and the signing key plus a JsonWebTokenError for this one.
      { authorization: `Bearer ${keys.token({}, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey)}` },
    ];
    const before = lines().length;
    for (const headers of attempts) {
      const res = await fetch(messagesUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(memberLeftActivity(TENANT, `auth-log-${Object.keys(headers).length}-${stdout.length}`)) });
      expect(res.status).toBe(401);
    }
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    const during = lines().slice(before);
    expect(during.filter((l) => l.level >= 40).map((l) => [l.level, l.msg, l.reason])).toEqual([
      [40, 'unauthenticated request refused', 'no bearer token'],
      [40, 'unauthenticated request refused', 'The token has expired'],
      [40, 'unauthenticated request refused', 'invalid signature'],
    ]);
    expect(stderr).toBe('');
    expect(stdout).not.toMatch(/\n\s+at |\\n\s+at /);
    expect(stdout).not.toContain('BEGIN RSA PUBLIC KEY');
  });
});
