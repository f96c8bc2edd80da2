/**
 * Approximate concurrent viewers: distinct pollers in a sliding window, counted with linear counting
 * over salted hashes. Fixed memory (two small bitmaps) and no address is ever stored.
 */
import { randomInt } from 'node:crypto';

const BITS = 1 << 16;

export function viewerCounter(windowMs = 30_000, now: () => number = Date.now) {
  // A per-process random seed: the bit a client lands on means nothing outside this process.
  const seed = randomInt(2 ** 31);
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
      const bit = fnv1a(clientKey, seed) % BITS;
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

/** 32-bit FNV-1a, seeded: cheap enough for every poll, spread well enough for linear counting. */
function fnv1a(text: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

function popcount(byte: number): number {
  let n = 0;
  for (let b = byte; b; b &= b - 1) n++;
  return n;
}
