/**
 * What the public sees. The pointer only ever names state already on disk: a relay killed at any moment
 * comes back with the newest frame it served, and never reuses a seq for other content.
 */
import type { FeedMode } from '@porthole/protocol';
import type { Variant } from '../variant.ts';
import { type SerialisedPointer, serialisePointer } from './pointer.ts';

export interface Shown {
  seq: number;
  mode: FeedMode;
  variants: Variant[] | undefined;
}

export function createOnAir(first: Shown, firstSaved: Promise<void>, wavesNow: () => number) {
  let shown = first;
  let settled = firstSaved;
  let wavesShown = 0;
  let pointer = build();

  function build(): SerialisedPointer | undefined {
    const { seq, mode, variants } = shown;
    wavesShown = wavesNow();
    return variants && serialisePointer({ seq, mode, waves: wavesShown, variants });
  }

  return {
    /** The pointer to serve, or undefined before any frame or loop exists. */
    current: (): SerialisedPointer | undefined => pointer,
    /** Resolves once the pointer shows every change so far. */
    settled: (): Promise<void> => settled,
    /** Show `next` once its state is `saved`. Saves complete in order, so pointers swap in order. */
    show(next: Shown, saved: Promise<void>): void {
      settled = saved.then(() => {
        shown = next;
        pointer = build();
      });
    },
    /** Rebuild if the waves figure changed (only the pointer's `waves` and ETag move). */
    refreshWaves(force = false): void {
      if (force || wavesNow() !== wavesShown) pointer = build();
    },
  };
}
