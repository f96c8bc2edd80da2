/** How long to wait before the next poll: after an answer, after a failure. */

/** The delay the pointer's `next` hint asks for, held within the configured bounds; `min` when absent. */
export const hintedDelay = (hint: unknown, min: number, max: number): number =>
  Math.min(max, Math.max(min, typeof hint === 'number' && hint >= 0 ? hint : min));

/**
 * Delay after `failures` consecutive failures: doubling from `min` up to `cap`, with "equal
 * jitter" (half fixed, half random) so a crowd of visitors does not return in step. A longer
 * `Retry-After` from the relay wins.
 */
export const backoffDelay = (
  failures: number,
  min: number,
  cap: number,
  retryAfter = 0,
  random: () => number = Math.random,
): number => {
  const ceiling = Math.min(cap, min * 2 ** failures);
  return Math.max(retryAfter, ceiling / 2 + (random() * ceiling) / 2);
};

/** A `Retry-After` header (seconds or an HTTP date) in milliseconds, at most an hour; 0 if absent. */
export const retryAfterMs = (header: string | null, now: number = Date.now()): number => {
  if (!header) return 0;
  const ms = Number.isNaN(+header) ? Date.parse(header) - now : +header * 1000;
  return ms > 0 ? Math.min(ms, 3_600_000) : 0;
};
