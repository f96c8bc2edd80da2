/** Fixed-window rate limits per key (client address) and overall, in bounded memory. */

export interface Rate {
  count: number;
  windowMs: number;
}

const MAX_KEYS = 10_000;

export function rateLimiter(rate: Rate, now: () => number = Date.now) {
  let windowStart = now();
  let counts = new Map<string, number>();
  return {
    /** Count one attempt; returns ms to wait when over the limit, or 0 when allowed. */
    take(key: string): number {
      const at = now();
      if (at - windowStart >= rate.windowMs) {
        windowStart = at;
        counts = new Map();
      }
      const used = counts.get(key) ?? 0;
      if (used >= rate.count) return windowStart + rate.windowMs - at;
      // Under a flood of distinct addresses, memory stays bounded: refuse new keys until the window ends.
      if (used === 0 && counts.size >= MAX_KEYS) return windowStart + rate.windowMs - at;
      counts.set(key, used + 1);
      return 0;
    },
  };
}
