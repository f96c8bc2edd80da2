/** Longest pause between attempts while the relay is unreachable. */
export const MAX_BACKOFF_MS = 30_000;

/**
 * How long to wait before the next frame: the rest of the interval after a success, and a
 * doubling pause (interval, 2x, 4x … up to 30 s) after consecutive failures, so a camera
 * left running while the relay is down does not hammer it.
 */
export function nextUploadDelay(intervalMs: number, elapsedMs: number, failures: number): number {
  if (failures === 0) return Math.max(0, intervalMs - elapsedMs);
  const backoff = intervalMs * 2 ** Math.min(failures - 1, 16);
  return Math.min(backoff, Math.max(MAX_BACKOFF_MS, intervalMs));
}
