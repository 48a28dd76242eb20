import http from 'node:http';
import type { Logger } from './logger.js';
import type { Store } from './store/db.js';
import { BodyError, readJsonBody, toHttpRequest, toHttpResponse, type HttpRequest, type HttpResponse } from './http.js';

export interface Route {
  method: 'GET' | 'POST';
  /** Exact path, or a prefix ending in "/" when `prefix` is set. */
  path: string;
  prefix?: boolean;
  handle(req: HttpRequest, res: HttpResponse): Promise<void>;
}

export interface ServerDeps {
  logger: Logger;
  store: Store;
  /** POST /api/messages handler (the Teams layer). */
  onMessages(req: HttpRequest, res: HttpResponse): Promise<void>;
  /** Extra routes from flows (downloads). */
  routes?: Route[];
}

export interface HttpServer {
  server: http.Server;
  listen(port: number, host: string): Promise<number>;
  /** Stops taking requests and waits for the ones in flight. */
  drain(timeoutMs?: number): Promise<void>;
}

export function createHttpServer(deps: ServerDeps): HttpServer {
  let inFlight = 0;
  let draining = false;
  let idle: (() => void) | undefined;

  const messages: Route = {
    method: 'POST',
    path: '/api/messages',
    async handle(req, res) {
      if (draining) {
        // Teams retries on 503; another replica (or this one after restart) takes the turn.
        res.status(503).send({ error: 'shutting down' });
        return;
      }
      inFlight++;
      try {
        await deps.onMessages(req, res);
      } finally {
        inFlight--;
        if (inFlight === 0) idle?.();
      }
    },
  };
  const healthz: Route = {
    method: 'GET',
    path: '/healthz',
    async handle(_req, res) {
      const ok = !draining && (await deps.store.ping());
      res.status(ok ? 200 : 503).send(ok ? { status: 'ok', db: 'ok' } : { status: draining ? 'stopping' : 'error', db: ok ? 'ok' : 'error' });
    },
  };
  const routes = [messages, healthz, ...(deps.routes ?? [])];

  const server = http.createServer(async (incoming, outgoing) => {
    const res = toHttpResponse(outgoing);
    try {
      const path = new URL(incoming.url ?? '/', 'http://localhost').pathname;
      const matching = routes.filter((r) => (r.prefix ? path.startsWith(r.path) : path === r.path));
      const route = matching.find((r) => r.method === incoming.method);
      if (!route) {
        incoming.resume();
        res.status(matching.length ? 405 : 404).send({ error: matching.length ? 'method not allowed' : 'not found' });
        return;
      }
      const body = incoming.method === 'POST' ? await readJsonBody(incoming) : undefined;
      await route.handle(toHttpRequest(incoming, body), res);
    } catch (err) {
      if (err instanceof BodyError) {
        res.status(err.status).send({ error: err.message });
        return;
      }
      deps.logger.error({ err }, 'request failed');
      if (!outgoing.headersSent) res.status(500).send({ error: 'internal error' });
      else outgoing.end();
    }
  });

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
      server.closeAllConnections();
      await closed;
    },
  };
}
