import restify, { type Request, type Response } from 'restify';
import type { HttpLimits } from '../config.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/db.js';
import { applyLimits } from './limits.js';
import { documentRoutes } from './documents.js';
import { refuseWhileDraining, requireBearer, requireJson } from './guards.js';

/** restify's request and response; botbuilder's CloudAdapter.process takes them as they are. */
export type HttpRequest = Request;
export type HttpResponse = Response;

export interface Route {
  method: 'GET' | 'POST';
  /** A restify path pattern, e.g. /downloads/:token (parameters arrive decoded in req.params). */
  path: string;
  handle(req: HttpRequest, res: HttpResponse): Promise<void>;
}

export interface ServerDeps {
  logger: Logger;
  store: Store;
  limits: HttpLimits;
  /** Production: refuse POST /api/messages without a bearer token before reading its body. */
  requireBearer: boolean;
  /** POST /api/messages handler (the Teams layer). */
  onMessages(req: HttpRequest, res: HttpResponse): Promise<void>;
  /** Extra routes from flows (downloads). */
  routes?: Route[];
}

export interface HttpServer {
  server: restify.Server;
  listen(port: number, host: string): Promise<number>;
  /** Stops taking requests and waits for the ones in flight. */
  drain(timeoutMs?: number): Promise<void>;
}

export const MAX_BODY_BYTES = 1_000_000;

/** The JSON our edge answers with; restify's own error bodies name its internals. */
function edgeError(err: { statusCode?: number; name?: string }): string {
  switch (err.statusCode) {
    case 400:
      return err.name === 'InvalidContentError' ? 'body is not a JSON object' : 'bad request';
    case 404:
      return 'not found';
    case 405:
      return 'method not allowed';
    case 413:
      return 'body too large';
    case 415:
      return 'unsupported media type';
    default:
      return (err.statusCode ?? 500) < 500 ? 'bad request' : 'internal error';
  }
}

/**
 * restify's body reader with our size limit, then its JSON parser only: its full bodyParser
 * would also accept forms and multipart uploads.
 */
function readJsonBody() {
  return [restify.plugins.bodyReader({ maxBodySize: MAX_BODY_BYTES }), ...restify.plugins.jsonBodyParser({ bodyReader: true })];
}

export function createHttpServer(deps: ServerDeps): HttpServer {
  const { logger } = deps;
  const server = restify.createServer({
    name: 'leerlab-bot',
    handleUncaughtExceptions: false,
    // restify logs through the logger it is given; ours keeps one format and level.
    log: logger as never,
    // Passed on to restify's router (find-my-way), which 404s a parameter over 100 characters
    // by default; a signed download token is longer than that.
    maxParamLength: 1_000,
  } as restify.ServerOptions);
  applyLimits(server.server, deps.limits);
  let inFlight = 0;
  let draining = false;
  let idle: (() => void) | undefined;

  server.on('restifyError', (_req: Request, _res: Response, err: Error & { statusCode?: number; toJSON?: () => unknown }, callback: () => void) => {
    const error = edgeError(err);
    if ((err.statusCode ?? 500) >= 500) logger.error({ err }, 'request failed');
    err.toJSON = () => ({ error });
    callback();
  });

  /** Our handlers never let an error reach restify: one log line, a 500 without details. */
  const guarded =
    (handle: Route['handle']) =>
    async (req: Request, res: Response): Promise<void> => {
      try {
        await handle(req, res);
      } catch (err) {
        logger.error({ err }, 'request failed');
        if (!res.headersSent) {
          res.status(500);
          res.send({ error: 'internal error' });
        } else res.end();
      }
    };

  const onMessages: Route['handle'] = async (req, res) => {
    const body: unknown = req.body;
    // restify's JSON parser takes any JSON value; an activity is an object.
    if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
      res.status(400);
      res.send({ error: 'body is not a JSON object' });
      return;
    }
    await deps.onMessages(req, res);
  };

  /** Counted from the first byte of work, so drain() also waits for requests still sending their body. */
  const countInFlight = (_req: Request, res: Response, next: restify.Next) => {
    inFlight++;
    res.once('close', () => {
      inFlight--;
      if (inFlight === 0) idle?.();
    });
    next();
  };

  server.post(
    '/api/messages',
    refuseWhileDraining(() => draining),
    countInFlight,
    ...(deps.requireBearer ? [requireBearer(logger)] : []),
    requireJson(),
    ...readJsonBody(),
    guarded(onMessages),
  );

  server.get(
    '/healthz',
    guarded(async (_req, res) => {
      const ok = !draining && (await deps.store.ping());
      res.status(ok ? 200 : 503);
      res.send(ok ? { status: 'ok', db: 'ok' } : { status: draining ? 'stopping' : 'error', db: ok ? 'ok' : 'error' });
    }),
  );

  // The privacy statement and terms of use the Teams manifest links to (documents.ts).
  for (const route of [...documentRoutes(logger), ...(deps.routes ?? [])]) {
    if (route.method === 'GET') server.get(route.path, guarded(route.handle));
    else server.post(route.path, requireJson(), ...readJsonBody(), guarded(route.handle));
  }

  return {
    server,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.removeListener('error', reject);
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      });
    },
    async drain(timeoutMs = 20_000) {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if (inFlight > 0) {
        await Promise.race([new Promise<void>((resolve) => (idle = resolve)), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
      }
      // Keep-alive sockets would hold close() open; in-flight work is done by now.
      server.server.closeAllConnections();
      await closed;
    },
  };
}
