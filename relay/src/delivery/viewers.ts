/**
 * Approximate concurrent viewers: distinct pollers in a sliding window, counted with linear counting
 * over salted hashes. Fixed memory (two small bitmaps) and no address is ever stored.
 */
import { createHash, randomBytes } from 'node:crypto';

const BITS = 1 << 16;

export function viewerCounter(windowMs = 30_000, now: () => number = Date.now) {
  const salt = randomBytes(16);
  let current = new Uint8Array(BITS / 8);
  let previous = new Uint8Array(BITS / 8);
  let windowStart = now();

  function rotate(at: number): void {
    if (at - windowStart < windowMs) return;
    previous = at - windowStart < 2 * windowMs ? current : new Uint8Array(BITS / 8);
    current = new Uint8Array(BITS / 8);
    windowStart = at;
  }

  return {
    /** Note a poll from a client, identified by something like its address and user agent. */
    seen(clientKey: string): void {
      rotate(now());
      const bit = createHash('sha256').update(salt).update(clientKey).digest().readUInt32BE(0) % BITS;
      current[bit >> 3]! |= 1 << (bit & 7);
    },
    /** Estimated distinct clients over the last one to two windows. */
    estimate(): number {
      rotate(now());
      let zeros = 0;
      for (let i = 0; i < current.length; i++) {
        const merged = current[i]! | previous[i]!;
        zeros += 8 - popcount(merged);
      }
      if (zeros === 0) return BITS;
      return Math.round(-BITS * Math.log(zeros / BITS));
    },
  };
}

function popcount(byte: number): number {
  let n = 0;
  for (let b = byte; b; b &= b - 1) n++;
  return n;
}
