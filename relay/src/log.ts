/** Structured logs (pino): JSON for machines, readable lines on a terminal. Secrets are redacted. */
import pino, { type Logger } from 'pino';

export function createLogger(level: string, format: 'auto' | 'json' | 'pretty'): Logger {
  const pretty = format === 'pretty' || (format === 'auto' && process.stdout.isTTY === true);
  return pino({
    level,
    base: { service: 'porthole-relay' },
    redact: {
      paths: ['token', '*.token', 'req.headers.authorization', 'headers.authorization'],
      censor: '[redacted]',
    },
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname,service' },
          },
        }
      : {}),
  });
}
