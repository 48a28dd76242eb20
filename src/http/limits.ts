import type http from 'node:http';
import type { HttpLimits } from '../config.js';

/**
 * restify creates its http.Server without options, so Node's defaults apply: a whole
 * request may take 5 minutes, and the timeouts are only checked every 30 s. Set the limits
 * on the underlying server; this must happen before listen(), because Node starts its
 * timeout checker with the interval it finds when the server starts listening.
 */
export function applyLimits(server: http.Server, limits: HttpLimits): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  // A kept-alive socket is recycled after this many requests, so no client holds one forever.
  server.maxRequestsPerSocket = 1_000;
  server.maxConnections = limits.maxConnections;
  (server as http.Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = limits.timeoutCheckMs;
}
