/** Log a recording's failures without flooding: the first at once, then one line a minute with a count. */
import type { Logger } from 'pino';

const EVERY_MS = 60_000;

export function failureLog(log: Logger, what: string, now: () => number = Date.now) {
  let lastAt = -Infinity;
  let unreported = 0;
  let failing = false;
  return {
    failed(error: unknown): void {
      failing = true;
      unreported++;
      if (now() - lastAt < EVERY_MS) return;
      log.error(
        { err: error, failures: unreported },
        `${what} failed; retrying on the next frame, live delivery carries on`,
      );
      lastAt = now();
      unreported = 0;
    },
    succeeded(): void {
      if (failing) log.info(`${what} works again`);
      failing = false;
    },
  };
}
