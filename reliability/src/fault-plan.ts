/** Seeded random fault plans for the fault proxy: which connections break, where, and how. */
import { seededRandom } from '@porthole/testing';
import type { Direction, Fault, FaultKind, FaultPlan } from './fault-proxy.ts';
import { between, pick, seedFor } from './random.ts';

export interface RandomFaultOptions {
  seed: number;
  /** Share (0–1) of connections that get each kind of fault; the rest pass intact. */
  mix: Partial<Record<FaultKind, number>>;
  /**
   * Faults fire at a uniformly random byte offset in [0, maxOffset]; give one per direction when requests
   * and responses differ in size (an upload's request is kilobytes, its answer a few hundred bytes).
   */
  maxOffset: number | Record<Direction, number>;
  directions?: readonly Direction[];
  /** How long a stall holds the bytes, ms (inclusive range). */
  stallMs?: readonly [number, number];
  /** A trickle's chunk size in bytes and the pause between chunks in ms. */
  trickle?: { chunkBytes: readonly [number, number]; everyMs: readonly [number, number] };
}

/** A plan where connection `i`'s fault depends only on the seed and `i`. */
export function randomFaults(options: RandomFaultOptions): FaultPlan {
  const total = Object.values(options.mix).reduce((sum, share) => sum + (share ?? 0), 0);
  if (!(total >= 0 && total <= 1)) {
    throw new Error(`Expected fault shares adding up to at most 1 for mix but received ${total}`);
  }
  const directions = options.directions ?? ['up', 'down'];
  const [stallMin, stallMax] = options.stallMs ?? [50, 400];
  const trickle = options.trickle ?? { chunkBytes: [64, 1024], everyMs: [1, 10] };
  return (index) => {
    const random = seededRandom(seedFor(options.seed, index));
    let roll = random();
    const kind = (Object.keys(options.mix) as FaultKind[]).find((k) => {
      roll -= options.mix[k] ?? 0;
      return roll < 0;
    });
    if (!kind) return undefined;
    const direction = pick(random, directions);
    const max = typeof options.maxOffset === 'number' ? options.maxOffset : options.maxOffset[direction];
    const afterBytes = between(random, 0, max);
    switch (kind) {
      case 'cut':
      case 'reset':
        return { kind, direction, afterBytes };
      case 'stall':
        return { kind, direction, afterBytes, forMs: between(random, stallMin, stallMax) };
      case 'trickle':
        return {
          kind,
          direction,
          afterBytes,
          chunkBytes: between(random, ...trickle.chunkBytes),
          everyMs: between(random, ...trickle.everyMs),
        };
    }
  };
}

/** One line for a log or an assertion message. */
export function describeFault(fault: Fault | undefined): string {
  if (!fault) return 'intact';
  const at = `${fault.kind} ${fault.direction} after ${fault.afterBytes} B`;
  if (fault.kind === 'stall') return `${at} for ${fault.forMs} ms`;
  if (fault.kind === 'trickle') return `${at}, ${fault.chunkBytes} B every ${fault.everyMs} ms`;
  return at;
}

/**
 * A fixed script of cuts, one per connection in accept order (then intact): `{ up: n }` cuts the request
 * after n bytes, `{ down: n }` the response. The shape firmware/test/cutting-proxy.ts plans with.
 */
export function plannedCuts(cuts: readonly ({ up?: number; down?: number } | undefined)[]): FaultPlan {
  return (index) => {
    const cut = cuts[index];
    if (cut?.up !== undefined) return { kind: 'cut', direction: 'up', afterBytes: cut.up };
    if (cut?.down !== undefined) return { kind: 'cut', direction: 'down', afterBytes: cut.down };
    return undefined;
  };
}
