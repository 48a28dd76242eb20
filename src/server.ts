import restify from 'restify';
import type { Logger } from './logger.js';
import type { Store } from './store/db.js';

export interface ServerDeps {
  logger: Logger;
  store: Store;
  /** POST /api/messages handler (the Teams layer). */
  onMessages(req: restify.Request, res: restify.Response): Promise<void>;
  /** Extra routes from flows (downloads). */
  routes?: Array<(server: restify.Server) => void>;
}

export interface HttpServer {
  server: restify.Server;
  listen(port: number, host: string): Promise<number>;
  /** Stops taking requests and waits for the ones in flight. */
  drain(timeoutMs?: number): Promise<void>;
}

export function createHttpServer(deps: ServerDeps): HttpServer {
  const server = restify.createServer({ name: 'leerlab-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 1_000_000, mapParams: false }));
  let inFlight = 0;
  let draining = false;
  let idle: (() => void) | undefined;

  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    if (draining) {
      // Teams retries on 503; another replica (or this one after restart) takes the turn.
      res.status(503);
      res.send({ error: 'shutting down' });
      return;
    }
    inFlight++;
    try {
      await deps.onMessages(req, res);
    } catch (err) {
      deps.logger.error({ err }, 'request failed');
      if (!res.headersSent) {
        res.status(500);
        res.send({ error: 'internal error' });
      }
    } finally {
      inFlight--;
      if (inFlight === 0) idle?.();
    }
  });

  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    const ok = !draining && (await deps.store.ping());
    res.status(ok ? 200 : 503);
    res.send(ok ? { status: 'ok', db: 'ok' } : { status: draining ? 'stopping' : 'error', db: ok ? 'ok' : 'error' });
  });

  for (const add of deps.routes ?? []) add(server);

  return {
    server,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      });
    },
    async drain(timeoutMs = 20_000) {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if (inFlight > 0) {
        await Promise.race([new Promise<void>((resolve) => (idle = resolve)), new Promise((r) => setTimeout(r, timeoutMs))]);
      }
      // Keep-alive sockets would hold close() open; in-flight work is done by now.
      (server.server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      await closed;
    },
  };
}
