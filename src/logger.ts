import pino, { type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

/** What of an error goes into the log: what and where, never the request or response it carries. */
const ERROR_FIELDS = ['type', 'name', 'message', 'stack', 'code', 'status', 'statusCode'] as const;

/**
 * Errors of HTTP clients carry the request that failed (an outgoing message with someone's
 * answers or names) and the response body; pino's own serializer logs every enumerable field.
 * Only the fields above are kept, for the error and its causes.
 */
export function safeError(err: unknown): Record<string, unknown> | unknown {
  if (!(err instanceof Error)) return err;
  const full = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  for (const f of ERROR_FIELDS) if (full[f] !== undefined) kept[f] = full[f];
  return kept;
}

/**
 * JSON logs. Redaction is a safety net: code never passes answer text or tokens to the
 * logger, but if an activity or request slips through, these paths are masked.
 */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'leerlab-bot' },
      serializers: { err: safeError },
      redact: {
        paths: [
          'authorization',
          'headers.authorization',
          'req.headers.authorization',
          'activity.text',
          'activity.value',
          'text',
          'value',
          'password',
          'token',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
