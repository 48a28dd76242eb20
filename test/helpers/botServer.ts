import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { openStore, type Store } from '../../src/store/db.js';
import { createApp, type App } from '../../src/app.js';
import type { Clock } from '../../src/clock.js';

export interface RunningBot {
  url: string;
  messagesUrl: string;
  app: App;
  store: Store;
  config: Config;
  dataDir: string;
  /** Stops HTTP and jobs, closes the store; keeps the data dir so a restart sees the same database. */
  stop(): Promise<void>;
}

/**
 * The real HTTP server on 127.0.0.1 with a random port, on SQLite in a temp dir unless a store
 * is given. With a fake clock the job runner does not poll in the background (JOB_RUNNER=off):
 * jobs run only when the test calls `app.services.jobs.runDue()` or `app.reminders.tick()`.
 */
export async function startBot(options: { env?: Record<string, string>; dataDir?: string; store?: Store; clock?: Clock; logLines?: string[] } = {}): Promise<RunningBot> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'leerlab-bot-'));
  const jobs = options.clock ? { JOB_RUNNER: 'off' } : { JOB_POLL_MS: '100' };
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', ...jobs, ...options.env });
  const store = options.store ?? (await openStore(config.database));
  const logger = options.logLines
    ? createLogger('info', { write: (line: string) => void options.logLines!.push(line) })
    : createLogger(config.logLevel);
  const app = createApp({ config, store, logger, clock: options.clock ?? { now: () => Date.now() } });
  const port = await app.start();
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    messagesUrl: `${url}/api/messages`,
    app,
    store,
    config,
    dataDir,
    async stop() {
      await app.stop();
      if (!options.store) await store.close();
    },
  };
}
