import pino, { type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

/**
 * JSON logs. Redaction is a safety net: code never passes answer text or tokens to the
 * logger, but if an activity or request slips through, these paths are masked.
 */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'leerlab-bot' },
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
