/**
 * The feed: decides what the pointer names right now (the newest live frame, or the loop when the camera
 * is offline, paused, or inside a privacy window) and moves the pointer when that changes.
 */

import { type SerialisedPointer, serialisePointer } from '../delivery/pointer.ts';
import type { Variant } from '../pipeline/encode.ts';
import type { RawImage } from '../pipeline/masks.ts';
import type { PublishedFrame, RelayState } from '../store/state.ts';
import { disguiseAsLive, type LoopFrame } from './loop.ts';
import { type PrivacyPolicy, privacySchedule } from './privacy.ts';
import { currentMode, type FeedMode, nextPollDelay, smooth } from './schedule.ts';
import { createWaveCounter } from './waves.ts';

export interface FeedOptions {
  state: RelayState;
  loop: LoopFrame[];
  offlineAfterMs: number;
  frameIntervalMs: number;
  historyLength: number;
  privacy: PrivacyPolicy | null;
  save: (state: RelayState) => Promise<void>;
  now?: () => number;
  random?: () => number;
}

export type Feed = ReturnType<typeof createFeed>;

export function createFeed(options: FeedOptions) {
  const { state, loop, offlineAfterMs, frameIntervalMs } = options;
  const now = options.now ?? Date.now;
  const privacy = privacySchedule(options.privacy, now(), options.random);
  const waves = createWaveCounter();
  let mode: FeedMode = currentMode(state.paused, state.lastFrameAt, offlineAfterMs, now());
  let loopIndex = 0;
  let nextLoopAt = now() + frameIntervalMs;
  let privacyCursor = 0;
  let uploadIntervalMs = frameIntervalMs;
  let processingMs = 200;
  let wavesShown = 0;
  const arrivals: number[] = [];
  // The public only ever sees a pointer whose state is already on disk: a relay killed at any moment
  // comes back with the newest frame it served, and never reuses a seq for other content. A restarted
  // relay may show other content under the last seq it saved: start past it.
  state.seq += 1;
  let shown = onScreen();
  let settled = options.save(state).catch(() => {});
  let pointer = build();

  function frameOnScreen(): Variant[] | undefined {
    const live = state.history[0]?.variants;
    const looped = loop[loopIndex]?.variants;
    return mode === 'live' ? (live ?? looped) : (looped ?? live);
  }

  function onScreen() {
    return { seq: state.seq, mode, variants: frameOnScreen() };
  }

  function build(): SerialisedPointer | undefined {
    const { variants } = shown;
    wavesShown = waves.recent(now());
    return variants && serialisePointer({ seq: shown.seq, mode: shown.mode, waves: wavesShown, variants });
  }

  function move(): void {
    state.seq += 1;
    const next = onScreen();
    // Saves complete in order, so pointers are swapped in order; a failed save still moves the feed on.
    settled = options
      .save(state)
      .catch(() => {})
      .then(() => {
        shown = next;
        pointer = build();
      });
  }

  function updateMode(at: number): void {
    const next = currentMode(state.paused, state.lastFrameAt, offlineAfterMs, at);
    if (next === mode) return;
    mode = next;
    loopIndex = 0;
    nextLoopAt = at + frameIntervalMs;
    move();
  }

  return {
    /** The pointer to serve, or undefined before any frame or loop exists. */
    current: (): SerialisedPointer | undefined => pointer,
    /** Resolves once the pointer shows every change so far (each is on disk before it is served). */
    settled: (): Promise<void> => settled,
    mode: (): FeedMode => mode,

    /** Milliseconds until the pointer can next have changed. */
    nextDelay(at = now()): number {
      if (mode !== 'live') return nextPollDelay(nextLoopAt + 50, at);
      return nextPollDelay(state.lastFrameAt + uploadIntervalMs + processingMs, at);
    },

    /** The camera delivered a valid frame (published or not): it is live. */
    frameArrived(at = now()): void {
      if (state.lastFrameAt > 0) {
        const gap = at - state.lastFrameAt;
        if (gap > 0 && gap < offlineAfterMs) uploadIntervalMs = smooth(uploadIntervalMs, gap);
      }
      state.lastFrameAt = at;
      arrivals.unshift(at);
      arrivals.length = Math.min(arrivals.length, 10);
      updateMode(at);
    },

    /**
     * Inside a privacy window, the frame to publish instead of the camera's: the next loop frame dressed as
     * the live one, published through the same path at the camera's own pace, so nothing public differs.
     */
    async privacySubstitute(live: RawImage, at = now()): Promise<RawImage | undefined> {
      if (loop.length === 0 || !privacy.isOpen(at)) return undefined;
      const frame = loop[privacyCursor++ % loop.length]!;
      return disguiseAsLive(frame.image, live, options.random);
    },

    /** A newly encoded frame is on disk: make it the newest live frame. */
    published(frame: PublishedFrame, tookMs: number): void {
      processingMs = smooth(processingMs, tookMs);
      state.history.unshift(frame);
      state.history.length = Math.min(state.history.length, options.historyLength);
      if (mode === 'live') move();
      else void options.save(state);
    },

    setPaused(paused: boolean, at = now()): void {
      state.paused = paused;
      updateMode(at);
      void options.save(state);
    },

    /** Called a few times a second: mode changes, loop steps and the waves figure. */
    tick(at = now()): void {
      updateMode(at);
      if (mode !== 'live' && loop.length > 1 && at >= nextLoopAt) {
        loopIndex = (loopIndex + 1) % loop.length;
        nextLoopAt = at + frameIntervalMs;
        move();
      } else if (waves.recent(at) !== wavesShown) {
        pointer = build();
      }
    },

    wave(at = now()): void {
      waves.add(at);
      pointer = build();
    },
    takeWavesSinceUpload: (): number => waves.takeSinceUpload(),

    /** The newest published thumbnail (for the change check after a restart). */
    lastThumb: (): Buffer | undefined => {
      const thumb = state.history[0]?.thumb;
      return thumb ? Buffer.from(thumb, 'base64') : undefined;
    },

    /** Every variant name still referenced: history and loop. */
    referencedNames(): Set<string> {
      const names = new Set<string>();
      for (const frame of [...state.history, ...loop]) for (const v of frame.variants) names.add(v.name);
      return names;
    },

    /** Public status for the owner's preview page. */
    status(at = now()) {
      return {
        mode,
        seq: state.seq,
        lastUploads: arrivals.map((t) => new Date(t).toISOString()),
        waves: waves.recent(at),
      };
    },

    openPrivacyWindow: (lengthMs: number, at = now()) => privacy.openFor(at, lengthMs),
  };
}
