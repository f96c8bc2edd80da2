/**
 * What the public sees. The pointer only ever names state already on disk: a relay killed at any moment
 * comes back with the newest frame it served, and never reuses a seq for other content.
 */
import type { FeedMode, PointerVideo } from '@porthole/protocol';
import type { Variant } from '../variant.ts';
import type { VideoChunk } from '../video/chunk.ts';
import { type SerialisedPointer, serialisePointer } from './pointer.ts';

export interface Shown {
  seq: number;
  mode: FeedMode;
  variants: Variant[] | undefined;
  /** Its chunk in its video stream, if it has one. */
  chunk?: VideoChunk;
}

export function createOnAir(
  first: Shown,
  firstSaved: Promise<unknown>,
  wavesNow: () => number,
  videoNow: () => PointerVideo | undefined = () => undefined,
) {
  let shown = first;
  let wavesShown = 0;
  let pointer = build();
  // Rebuilt once ready: the first frame's chunk may reach the video tape only then.
  let settled: Promise<void> = firstSaved.then(() => {
    pointer = build();
  });

  function build(): SerialisedPointer | undefined {
    const { seq, mode, variants } = shown;
    wavesShown = wavesNow();
    return variants && serialisePointer({ seq, mode, waves: wavesShown, variants, video: videoNow() });
  }

  return {
    /** The pointer to serve, or undefined before any frame or loop exists. */
    current: (): SerialisedPointer | undefined => pointer,
    /** Resolves once the pointer shows every change so far. */
    settled: (): Promise<void> => settled,
    /** Show `next` once its state is `saved`. Saves complete in order, so pointers swap in order. */
    show(next: Shown, saved: Promise<unknown>): void {
      settled = saved.then(() => {
        shown = next;
        pointer = build();
      });
    },
    /** Build the pointer again: the video chunk it names has arrived. */
    rebuild(): void {
      pointer = build();
    },
    /** Rebuild if the waves figure changed (only the pointer's `waves` and ETag move). */
    refreshWaves(force = false): void {
      if (force || wavesNow() !== wavesShown) pointer = build();
    },
  };
}
