import type { FeedMode, VariantFormat } from '@porthole/protocol';
import { atom } from 'nanostores';

/**
 * What the hero shows right now:
 * - `connecting`: the poster, waiting for the first frame;
 * - `playing`: live frames from the camera;
 * - `paused`: the visitor paused the feed; nothing is fetched;
 * - `offline`: the camera is offline or paused by its owner (the relay's loop plays), or the
 *   relay cannot be reached (the last frame stays);
 * - `still`: reduced motion or Save-Data; a still frame until the visitor presses play.
 */
export type FeedState = 'connecting' | 'playing' | 'paused' | 'offline' | 'still';

/** The frame on screen, as the relay described it. */
export interface Frame {
  /** The relay's sequence number of this frame. */
  seq: number;
  /** `live`, or `offline`/`paused` when the relay serves its loop. */
  mode: FeedMode;
  /** Absolute URL of the variant shown (empty for a frame from the video path). */
  url: string;
  /** The still's format, or `av1` for a frame decoded from the video path. */
  format: VariantFormat | 'av1';
  width: number;
  height: number;
}

const PAUSED_KEY = 'porthole:paused';

function readPaused(): boolean | undefined {
  try {
    const stored = localStorage.getItem(PAUSED_KEY);
    return stored === null ? undefined : stored === '1';
  } catch {
    return undefined; // server rendering, or storage blocked
  }
}

/** State of the feed; see {@link FeedState}. Set by the island; read it anywhere. */
export const $feedState = atom<FeedState>('connecting');

/** The frame on screen, or `null` while the poster shows. */
export const $frame = atom<Frame | null>(null);

/**
 * The visitor's choice: `true` paused, `false` play (also overrides reduced motion), `undefined`
 * not chosen yet. Persisted in localStorage, so it holds across pages and visits. Set it from any
 * island to pause or play the feed.
 */
export const $paused = atom<boolean | undefined>(readPaused());

$paused.listen((paused) => {
  try {
    if (paused === undefined) localStorage.removeItem(PAUSED_KEY);
    else localStorage.setItem(PAUSED_KEY, paused ? '1' : '0');
  } catch {}
});

/** Waves the relay received in the last minute, from the latest pointer. */
export const $waves = atom<number>(0);

/** `Date.now()` when the feed last noticed a new wave ("someone waved"); 0 before any. */
export const $wavedAt = atom<number>(0);

/** Pauses the feed (persisted). */
export const pause = (): void => $paused.set(true);

/** Plays the feed (persisted), also when the visitor prefers reduced motion. */
export const play = (): void => $paused.set(false);
