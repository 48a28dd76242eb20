import type { Next, Request, Response } from 'restify';
import type { Logger } from '../logger.js';

/**
 * Checks that run on POST /api/messages before its body is read, so a request that will be
 * refused anyway costs no body bytes. Each answers and stops the chain with next(false).
 */

type Handler = (req: Request, res: Response, next: Next) => void;

function refuse(res: Response, next: Next, status: number, error: string): void {
  // The body was not read; closing the socket is cheaper than reading it only to drop it.
  res.header('connection', 'close');
  res.status(status);
  res.send({ error });
  next(false);
}

/**
 * Production: Bot Connector requests always carry a bearer token; without one botbuilder
 * would answer 401 too, but only after the whole body came in.
 */
export function requireBearer(logger: Logger): Handler {
  return (req, res, next) => {
    if (/^Bearer\s+\S/i.test(req.headers.authorization ?? '')) return next();
    // The same line as a token botbuilder refuses, so one search in the log finds every refusal.
    logger.warn({ path: req.path(), reason: 'no bearer token' }, 'unauthenticated request refused');
    refuse(res, next, 401, 'unauthorized');
  };
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;

/**
 * Only JSON bodies, uncompressed. Without this, a web page could drive the local
 * (unauthenticated) bot with a plain form post, which browsers send cross-site without asking;
 * and a gzip body would be inflated without any limit on its unpacked size.
 */
export function requireJson(): Handler {
  return (req, res, next) => {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
    const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (JSON_TYPE.test(type) && encoding === 'identity') return next();
    refuse(res, next, 415, 'content type must be application/json');
  };
}

/** While draining, Teams gets 503 and retries; another replica (or this one after restart) takes the turn. */
export function refuseWhileDraining(isDraining: () => boolean): Handler {
  return (_req, res, next) => {
    if (!isDraining()) return next();
    res.status(503);
    res.send({ error: 'shutting down' });
    next(false);
  };
}
