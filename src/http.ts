import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/**
 * The request and response shapes our routes and botbuilder's adapter use, on Node's own
 * http module. (restify was dropped: its spdy dependency reads process.binding('http_parser'),
 * which Node 24 no longer has, and restify 12 needs Node 22 or later.)
 */
export interface HttpRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON for POST requests. */
  body?: Record<string, unknown>;
}

/** Structurally the Response botbuilder's CloudAdapter.process expects. */
export interface HttpResponse {
  socket: unknown;
  readonly headersSent: boolean;
  status(code: number): HttpResponse;
  header(name: string, value: unknown): HttpResponse;
  /** Objects go out as JSON, strings and buffers as they are, nothing as an empty body. */
  send(body?: unknown): HttpResponse;
  end(...args: unknown[]): unknown;
  writeHead(status: number, headers: Record<string, string>): unknown;
}

export const MAX_BODY_BYTES = 1_000_000;

export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

/** Reads a JSON body of at most MAX_BODY_BYTES; empty is undefined. */
export async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyError(413, 'body too large');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch {
    throw new BodyError(400, 'body is not a JSON object');
  }
}

export function toHttpRequest(req: IncomingMessage, body?: Record<string, unknown>): HttpRequest {
  const url = new URL(req.url ?? '/', 'http://localhost');
  return { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body };
}

export function toHttpResponse(res: ServerResponse): HttpResponse {
  const r: HttpResponse = {
    socket: res.socket,
    get headersSent() {
      return res.headersSent;
    },
    status(code) {
      res.statusCode = code;
      return r;
    },
    header(name, value) {
      res.setHeader(name, String(value));
      return r;
    },
    send(body) {
      if (body === undefined || body === null) {
        res.end();
      } else if (typeof body === 'string' || Buffer.isBuffer(body)) {
        res.end(body);
      } else {
        if (!res.hasHeader('content-type')) res.setHeader('content-type', 'application/json; charset=utf-8');
        res.end(JSON.stringify(body));
      }
      return r;
    },
    end: (...args) => res.end(...(args as [])),
    writeHead: (status, headers) => res.writeHead(status, headers),
  };
  return r;
}
