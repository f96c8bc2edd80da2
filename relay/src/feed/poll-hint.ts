/** The pointer's `next`: how long a poller should wait before the pointer can have changed. */

/** Bounds of the hint: never hammer, never fall asleep. */
export const MIN_HINT_MS = 250;
export const MAX_HINT_MS = 10_000;
/** Frame overdue: look again soon, but not in a tight loop. */
const OVERDUE_HINT_MS = 1_000;

/** Milliseconds from `now` until `changeExpectedAt`, within the bounds. */
export function pollHintMs(changeExpectedAt: number, now: number): number {
  const delay = changeExpectedAt - now;
  if (delay < MIN_HINT_MS) return delay > -OVERDUE_HINT_MS ? MIN_HINT_MS : OVERDUE_HINT_MS;
  return Math.min(MAX_HINT_MS, Math.round(delay));
}
