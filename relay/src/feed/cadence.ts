/**
 * The camera's rhythm as the feed observes it: its upload interval and the time a frame takes to reach
 * the pointer (both smoothed), and the last few upload times for the owner's status.
 */

const RECENT_UPLOADS = 10;
const INITIAL_PROCESSING_MS = 200;

/** Exponentially weighted moving average. */
export function smooth(previous: number, sample: number, weight = 0.2): number {
  return previous + (sample - previous) * weight;
}

export function createCadence(intervalMs: number, offlineAfterMs: number) {
  let uploadIntervalMs = intervalMs;
  let processingMs = INITIAL_PROCESSING_MS;
  const uploads: number[] = [];
  return {
    /** A frame arrived at `at`; the previous one at `previousAt` (0 = never). */
    arrived(at: number, previousAt: number): void {
      const gap = at - previousAt;
      // A gap past the offline limit is an outage, not the camera's interval.
      if (previousAt > 0 && gap > 0 && gap < offlineAfterMs) uploadIntervalMs = smooth(uploadIntervalMs, gap);
      uploads.unshift(at);
      uploads.length = Math.min(uploads.length, RECENT_UPLOADS);
    },
    /** A frame took `tookMs` from upload to encoded. */
    processed(tookMs: number): void {
      processingMs = smooth(processingMs, tookMs);
    },
    /** When the next camera frame should be on the pointer, given the last one's arrival. */
    nextFrameExpectedAt: (lastFrameAt: number): number => lastFrameAt + uploadIntervalMs + processingMs,
    /** Newest first. */
    recentUploads: (): readonly number[] => uploads,
  };
}
