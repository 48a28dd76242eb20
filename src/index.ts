import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { systemClock } from './clock.js';
import { openStore } from './store/db.js';
import { createApp } from './app.js';

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
  const store = await openStore(config.database);
  const app = createApp({ config, store, logger, clock: systemClock });
  const port = await app.start();
  logger.info({ port, host: config.host, database: config.database.kind }, 'leerlab bot listening');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await app.stop();
    await store.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  console.error('Leerlab bot failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
