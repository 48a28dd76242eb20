import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConnector, type FakeConnector } from '../helpers/connector.js';
import { buttonsOf, cardOf, CHANNELS, channelMessage, execute, installInTeam, post, rosterOf, TEAM_ID, textsOf, USERS, SAMPLE_ROLE_INPUTS } from '../helpers/teams.js';
import { freePort } from '../helpers/children.js';

/**
 * Production runs `node dist/index.js`: compiled JavaScript, no TypeScript loader. These tests
 * start exactly that as a child process. The test builds dist/ first when src/ is newer than
 * the last build (scripts/build.mjs --if-stale), so it never runs yesterday's build.
 */
const ROOT = path.resolve(__dirname, '../..');

function startCompiled(env: Record<string, string>) {
  const child = spawn(process.execPath, ['dist/index.js'], {
    cwd: ROOT,
    // A clean environment: no NODE_OPTIONS from the test runner, so no loader sneaks in.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners: Array<() => void> = [];
  const onData = (d: Buffer) => {
    output += d;
    for (const l of listeners.splice(0)) l();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  /** Resolves with the first log line for which `match` is true. */
  const logLine = (match: (line: Record<string, unknown>) => boolean) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const check = () => {
        for (const raw of output.split('\n')) {
          try {
            const line = JSON.parse(raw) as Record<string, unknown>;
            if (match(line)) return resolve(line);
          } catch {
            /* not a JSON line */
          }
        }
        if (child.exitCode !== null) return reject(new Error(`bot exited: ${output}`));
        listeners.push(check);
      };
      child.once('exit', () => listeners.length && check());
      check();
    });
  return { child, exited, output: () => output, logLine };
}


beforeAll(async () => {
  // Not spawnSync: a build takes up to a minute on a busy machine, and blocking the worker
  // that long makes vitest's own messages to it time out.
  const build = spawn(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  build.stdout.on('data', (d) => (output += d));
  build.stderr.on('data', (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => build.on('exit', resolve));
  if (code !== 0) throw new Error(`build failed:\n${output}`);
}, 300_000);

describe('the compiled build (node dist/index.js)', () => {
  let connector: FakeConnector;
  let bot: ReturnType<typeof startCompiled>;
  let messagesUrl = '';
  const w = () => ({ serviceUrl: connector.serviceUrl });

  beforeAll(async () => {
    connector = await startConnector();
    connector.setRoster(TEAM_ID, rosterOf(Object.values(USERS)));
    connector.setChannels(TEAM_ID, [{ id: CHANNELS.general.id }, CHANNELS.docenten, CHANNELS.regiegroep]);
    bot = startCompiled({ DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'leerlab-dist-')), PORT: '0' });
    const listening = await bot.logLine((l) => l.msg === 'leerlab bot listening');
    messagesUrl = `http://127.0.0.1:${Number(listening.port)}/api/messages`;
  }, 120_000);
  // When the build failed, nothing was started: the build's error is the one to read.
  afterAll(async () => {
    bot?.child.kill('SIGTERM');
    await bot?.exited;
    await connector?.close();
  });

  it('runs install, help and setup over the Bot Framework protocol', async () => {
    expect((await post(messagesUrl, installInTeam(w()))).status).toBe(200);
    const [welcome] = connector.sentTo(TEAM_ID);
    expect(textsOf(cardOf(welcome!.body))[0]).toBe('Welkom bij Leerlab');

    // Sanne added the bot and is on the roster: projectleider, so help offers her "instellen".
    await post(messagesUrl, channelMessage(w(), USERS.sanne, 'help'));
    // The reply in the message's thread (the job runner may post in General meanwhile).
    const reply = connector.sent().filter((r) => r.conversationId?.includes(';messageid=')).at(-1)!;
    expect(buttonsOf(cardOf(reply.body)).map((b) => b.title)).toContain('Instellen');

    const invoke = async (activity: ReturnType<typeof execute>) => {
      const res = await post(messagesUrl, activity);
      expect(res.status).toBe(200);
      return res.body as { type: string; value: any };
    };
    const start = await invoke(execute(w(), USERS.sanne, 'command.run', { command: 'instellen' }));
    const pid = buttonsOf(start.value).find((b) => b.title === 'Opslaan en verder')!.data.pid;
    const wg = await invoke(execute(w(), USERS.sanne, 'setup.basics', { pid }, { name: 'Leerlab Noord-Holland', s0_name: 'Vmbo De Schakel', s0_type: 'vo', s1_name: 'ROC Noord', s1_type: 'mbo' }));
    expect(textsOf(wg.value)[0]).toBe('Werkgroepen (stap 2 van 3)');
    const members = await invoke(execute(w(), USERS.sanne, 'setup.werkgroepen', { pid }, { w0_name: 'Docenten Zorg', w0_channel: CHANNELS.docenten.id }));
    const done = buttonsOf(members.value).find((b) => b.title === 'Klaar')!;
    const result = await invoke(
      execute(w(), USERS.sanne, 'setup.members', done.data, SAMPLE_ROLE_INPUTS),
    );
    expect(textsOf(result.value)).toContain('**Leerlab Noord\\-Holland**: 2 scholen of bedrijven, 5 mensen met een rol, 1 werkgroep.');

    await post(messagesUrl, channelMessage(w(), USERS.pieter, 'help'));
    const help = cardOf(connector.sent().at(-1)!.body);
    expect(textsOf(help)).toContain('Je rol: Docent.');
    expect(buttonsOf(help).map((b) => b.title)).toEqual(['Invullen', 'Haalbaarheid', 'Overeenkomst', 'Acties', 'Mijn gegevens', 'Verwijder mijn gegevens']);
  });

  it('serves /privacy and /voorwaarden from docs/privacy/ (read from the package root, not from dist/)', async () => {
    const base = messagesUrl.replace(/\/api\/messages$/, '');
    for (const [page, title] of [['/privacy', 'Privacyverklaring Leerlab'], ['/voorwaarden', 'Gebruiksvoorwaarden Leerlab']] as const) {
      const res = await fetch(`${base}${page}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await res.text()).toContain(`<h1>${title}</h1>`);
    }
  });
});

describe('the compiled build starting and stopping', () => {
  it('drains and exits 0 on a SIGTERM sent the moment its port accepts a connection', async () => {
    const port = await freePort();
    const p = startCompiled({ DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'leerlab-dist-')), PORT: String(port) });
    try {
      // The port accepts as soon as the server listens, earlier than /healthz can answer:
      // a rolling deploy may stop the process at any moment from here on.
      for (;;) {
        const accepted = await new Promise<boolean>((resolve) => {
          const s = net.connect(port, '127.0.0.1', () => {
            s.destroy();
            resolve(true);
          });
          s.on('error', () => resolve(false));
        });
        if (accepted) break;
        if (p.child.exitCode !== null) throw new Error(`bot exited: ${p.output()}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
      expect(p.output()).toContain('"msg":"stopped"');
    } finally {
      p.child.kill('SIGKILL');
    }
  });

  it('refuses to start in production with an empty tenant allow-list, in one line', async () => {
    const p = startCompiled({ NODE_ENV: 'Production', MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', MicrosoftAppType: 'MultiTenant', PORT: '0' });
    expect(await p.exited).toBe(1);
    expect(p.output().trim()).toBe(
      'NODE_ENV=production needs ALLOWED_TENANTS or MicrosoftAppTenantId; set ALLOWED_TENANTS=* to accept every tenant on purpose (see env.sample).',
    );
  });
});
