import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { systemClock } from './clock.js';
import { openStore, type Store } from './store/db.js';
import { createApp, type App } from './app.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  if (config.localMode) {
    logger.warn(
      '!!! LOCAL MODE: no MicrosoftAppId, requests are NOT authenticated. Listening on 127.0.0.1 only. Never use this in a real tenant. !!!',
    );
  }
  // Signal handlers first: once the server listens, a SIGTERM (a rolling deploy that saw
  // /healthz answer) must drain and exit 0, even while start-up is still scheduling jobs.
  let stopping = false;
  let started: Promise<{ app: App; store: Store }> | undefined;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const running = await started?.catch(() => undefined);
    if (running) {
      await running.app.stop();
      await running.store.close();
    }
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  started = (async () => {
    const store = await openStore(config.database);
    const app = createApp({ config, store, logger, clock: systemClock });
    const port = await app.start();
    logger.info({ port, host: config.host, database: config.database.kind }, 'leerlab bot listening');
    return { app, store };
  })();
  await started;
}

main().catch((err) => {
  console.error('Leerlab bot failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
