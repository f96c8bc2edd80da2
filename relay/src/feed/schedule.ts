/** Pure timing rules of the feed: which mode it is in, and when a poller should come back. */

export type FeedMode = 'live' | 'offline' | 'paused';

export function currentMode(
  paused: boolean,
  lastFrameAt: number,
  offlineAfterMs: number,
  now: number,
): FeedMode {
  if (paused) return 'paused';
  return now - lastFrameAt > offlineAfterMs ? 'offline' : 'live';
}

/** Bounds of the poll hint: never hammer, never fall asleep. */
export const MIN_HINT_MS = 250;
export const MAX_HINT_MS = 10_000;
/** Frame overdue: look again soon, but not in a tight loop. */
const OVERDUE_HINT_MS = 1_000;

/**
 * Milliseconds until something new can be on the pointer: the next frame's expected arrival plus the time
 * it takes to process, or the next loop step when not live.
 */
export function nextPollDelay(expectedAt: number, now: number): number {
  const delay = expectedAt - now;
  if (delay < MIN_HINT_MS) return delay > -OVERDUE_HINT_MS ? MIN_HINT_MS : OVERDUE_HINT_MS;
  return Math.min(MAX_HINT_MS, Math.round(delay));
}

/** Exponentially weighted moving average, for the camera's interval and the processing time. */
export function smooth(previous: number, sample: number, weight = 0.2): number {
  return previous + (sample - previous) * weight;
}
