/** Structured logs (pino): JSON for machines, readable lines on a terminal. Secrets are redacted. */
import pino, { type DestinationStream, type Logger } from 'pino';

/** `destination` lets tests (and embedders) read the log lines; it implies JSON. */
export function createLogger(
  level: string,
  format: 'auto' | 'json' | 'pretty',
  destination?: DestinationStream,
): Logger {
  const pretty =
    !destination && (format === 'pretty' || (format === 'auto' && process.stdout.isTTY === true));
  const options = {
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
  };
  return destination ? pino(options, destination) : pino(options);
}
