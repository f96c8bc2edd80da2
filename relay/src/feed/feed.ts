/**
 * The feed: decides what the pointer names right now (the newest published frame, or the loop when the
 * camera is offline or paused) and moves the pointer when that changes. Privacy windows happen before it,
 * in the pipeline: to the feed, a frame held by a window is a live frame like any other.
 */
import type { FeedMode, PointerVideo } from '@porthole/protocol';
import type { RawImage } from '../pipeline/masks.ts';
import type { PublishedFrame, RelayState } from '../store/state.ts';
import type { Variant } from '../variant.ts';
import type { VideoChunk } from '../video/chunk.ts';
import { createCadence } from './cadence.ts';
import type { LoopFrame } from './loop.ts';
import { createLoopPlayer } from './loop-player.ts';
import { currentMode } from './mode.ts';
import { createOnAir, type Shown } from './on-air.ts';
import { pollHintMs } from './poll-hint.ts';

export interface FeedOptions {
  state: RelayState;
  loop: LoopFrame[];
  offlineAfterMs: number;
  intervalMs: number;
  historyLength: number;
  save: (state: RelayState) => Promise<void>;
  /** Visitors' waves in the last minute, shown on the pointer. */
  wavesNow?: (at: number) => number;
  now?: () => number;
  /** The video side: every move puts a chunk of what is shown on its tape. */
  video?: FeedVideo;
}

/** What the feed asks of the video side (declared here, so the feed needs nothing downstream). */
export interface FeedVideo {
  show(
    seq: number,
    mode: FeedMode,
    chunk: VideoChunk | undefined,
    picture: () => Promise<RawImage | undefined>,
  ): Promise<void>;
  /** The pointer's video field for the newest chunk on the tape. */
  pointerVideo(): PointerVideo | undefined;
  /** The pixels of a still that is on air, for a key of it. */
  pictureOf(variants: Variant[]): Promise<RawImage | undefined>;
  /** Chunks on the tape, which the store must keep. */
  names(): string[];
}

export type Feed = ReturnType<typeof createFeed>;

/** A loop step lands a moment after its time: poll just after it, not just before. */
const LOOP_STEP_SLACK_MS = 50;

export function createFeed(options: FeedOptions) {
  const { state, loop, offlineAfterMs } = options;
  const now = options.now ?? Date.now;
  const wavesNow = () => options.wavesNow?.(now()) ?? 0;
  const cadence = createCadence(options.intervalMs, offlineAfterMs);
  const player = createLoopPlayer(loop, options.intervalMs, now());
  const save = () => options.save(state).catch(() => {});
  let mode: FeedMode = currentMode(state.paused, state.lastFrameAt, offlineAfterMs, now());

  function onScreen(): Shown {
    const live = state.history[0];
    const looped = player.current() ?? live;
    // A camera that just connected has nothing published yet: the loop stays on, and says so, never "live".
    const unready = mode === 'live' && !live;
    const frame = mode === 'live' && live ? live : looped;
    return {
      seq: state.seq,
      mode: unready ? 'offline' : mode,
      variants: frame?.variants,
      chunk: frame?.chunk,
    };
  }

  /** Put what is shown on the video tape (a key of it, if its own chunk does not follow the tape). */
  function onTape(shown: Shown): Promise<void> | undefined {
    const { video } = options;
    return video?.show(shown.seq, shown.mode, shown.chunk, async () =>
      shown.variants ? video.pictureOf(shown.variants) : undefined,
    );
  }

  /** Saved, and on the video tape: then the pointer may show it. */
  const ready = (shown: Shown): Promise<unknown> => Promise.all([save(), onTape(shown)]);

  // A restarted relay may show other content under the last seq it saved: start past it.
  state.seq += 1;
  const first = onScreen();
  // The stills go on air as soon as the state is saved; the first video chunk (often a key of the frame,
  // which needs the encoder up) follows, and the pointer names it then.
  const onAir = createOnAir(first, save(), wavesNow, () => options.video?.pointerVideo());
  void onTape(first)?.then(() => onAir.rebuild());

  function move(): void {
    state.seq += 1;
    const shown = onScreen();
    onAir.show(shown, ready(shown));
  }

  function updateMode(at: number): void {
    const next = currentMode(state.paused, state.lastFrameAt, offlineAfterMs, at);
    if (next === mode) return;
    mode = next;
    player.restart(at);
    move();
  }

  return {
    current: onAir.current,
    settled: onAir.settled,
    mode: (): FeedMode => mode,

    /** Milliseconds until the pointer can next have changed. */
    nextDelay(at = now()): number {
      if (mode !== 'live') return pollHintMs(player.nextStepAt() + LOOP_STEP_SLACK_MS, at);
      return pollHintMs(cadence.nextFrameExpectedAt(state.lastFrameAt), at);
    },

    /** The camera delivered a valid frame (published or not): it is live. */
    frameArrived(at = now()): void {
      cadence.arrived(at, state.lastFrameAt);
      state.lastFrameAt = at;
      updateMode(at);
    },

    /** A newly encoded frame is on disk: make it the newest live frame. */
    published(frame: PublishedFrame, tookMs: number): void {
      cadence.processed(tookMs);
      state.history.unshift(frame);
      state.history.length = Math.min(state.history.length, options.historyLength);
      if (mode === 'live') move();
      else void save();
    },

    setPaused(paused: boolean, at = now()): void {
      state.paused = paused;
      updateMode(at);
      void save();
    },

    /** Called a few times a second: mode changes, loop steps and the waves figure. */
    tick(at = now()): void {
      updateMode(at);
      if (mode !== 'live' && player.stepIfDue(at)) move();
      else onAir.refreshWaves();
    },

    /** A visitor waved: show the new count now. */
    waved: (): void => onAir.refreshWaves(true),

    /** The newest published thumbnail (for the change check after a restart). */
    lastThumb(): Buffer | undefined {
      const thumb = state.history[0]?.thumb;
      return thumb ? Buffer.from(thumb, 'base64') : undefined;
    },

    /** Every stored name still referenced: history, loop and the video tape. */
    referencedNames(): Set<string> {
      const names = new Set<string>(options.video?.names());
      const all: { variants: Variant[]; chunk?: VideoChunk }[] = [...state.history, ...loop];
      for (const frame of all) {
        for (const v of frame.variants) names.add(v.name);
        if (frame.chunk) names.add(frame.chunk.name);
      }
      return names;
    },

    /** For the owner's status: mode, seq and the recent upload times. */
    status() {
      return {
        mode,
        seq: state.seq,
        lastUploads: cadence.recentUploads().map((t) => new Date(t).toISOString()),
      };
    },
  };
}
