import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openStore, type Store } from '../../src/store/db.js';
import { startBot, type RunningBot } from '../helpers/botServer.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * JOB_RUNNER=off: the process answers Teams but never picks up due jobs by itself, so tests
 * that drive a fake clock decide when jobs run.
 */
const NOW = Date.UTC(2026, 10, 24, 9, 0);
let bot: RunningBot | undefined;
let store: Store | undefined;
afterEach(async () => {
  await bot?.stop();
  await store?.close();
  bot = store = undefined;
});

/** A bot on a fake clock whose runner, when on, polls every 50 ms. */
async function botWith(env: Record<string, string>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leerlab-runner-'));
  store = await openStore(loadConfig({ DATA_DIR: dataDir }).database);
  bot = await startBot({ store, dataDir, clock: { now: () => NOW }, env: { JOB_POLL_MS: '50', ...env } });
  return bot;
}

const statusOf = async (id: number) => (await store!.db.selectFrom('jobs').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

describe('the job runner switch', () => {
  it('JOB_RUNNER is on unless set to off, and nothing else is accepted', () => {
    expect(loadConfig({}).jobRunner).toBe(true);
    expect(loadConfig({ JOB_RUNNER: 'off' }).jobRunner).toBe(false);
    expect(loadConfig({ JOB_RUNNER: ' OFF ' }).jobRunner).toBe(false);
    expect(() => loadConfig({ JOB_RUNNER: 'nee' })).toThrow(/^Invalid configuration: JOB_RUNNER: /);
  });

  it('with the runner on, a due job runs without anyone asking', async () => {
    const b = await botWith({ JOB_RUNNER: 'on' });
    let ran!: () => void;
    const done = new Promise<void>((r) => (ran = r));
    b.app.services.jobs.register('test.once', async () => ran());
    const id = (await b.app.services.jobs.schedule('test.once', {}, NOW - 1))!;
    await done;
    await expect.poll(() => statusOf(id)).toBe('done');
  });

  it('with the runner off, a due job waits for runDue()', async () => {
    const b = await botWith({ JOB_RUNNER: 'off' });
    let runs = 0;
    b.app.services.jobs.register('test.once', async () => void runs++);
    const id = (await b.app.services.jobs.schedule('test.once', {}, NOW - 1))!;
    // Nothing to wait for when nothing should happen: ten poll intervals of the runner above.
    await new Promise((r) => setTimeout(r, 500));
    expect(runs).toBe(0);
    expect(await statusOf(id)).toBe('pending');
    expect(await b.app.services.jobs.runDue()).toBeGreaterThanOrEqual(1);
    expect(runs).toBe(1);
    expect(await statusOf(id)).toBe('done');
  });
});
