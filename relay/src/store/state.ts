/** The relay's durable state: sequence number, owner pause, and the history of published live frames. */
import { readFile } from 'node:fs/promises';
import type { Variant } from '../variant.ts';
import type { VideoChunk } from '../video/chunk.ts';
import { writeFileAtomic } from './atomic-write.ts';

export interface PublishedFrame {
  variants: Variant[];
  /** The change-check thumbnail, base64, so a restarted relay still knows what is on screen. */
  thumb: string;
  publishedAt: number;
  /** The frame in the live video stream, when the relay encodes one. */
  chunk?: VideoChunk;
}

export interface RelayState {
  seq: number;
  paused: boolean;
  /** When the camera last sent a frame, published or not (ms since the epoch). */
  lastFrameAt: number;
  /** Newest first. */
  history: PublishedFrame[];
}

export const EMPTY_STATE: RelayState = { seq: 0, paused: false, lastFrameAt: 0, history: [] };

/** Read the state file; a missing or unreadable one means a fresh relay (never a crash). */
export async function loadState(path: string): Promise<RelayState> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<RelayState>;
    return {
      seq: Number.isInteger(parsed.seq) ? (parsed.seq as number) : 0,
      paused: parsed.paused === true,
      lastFrameAt: Number.isFinite(parsed.lastFrameAt) ? (parsed.lastFrameAt as number) : 0,
      history: Array.isArray(parsed.history) ? parsed.history : [],
    };
  } catch {
    return { ...EMPTY_STATE, history: [] };
  }
}

/** Save atomically; saves are serialised so an older state can never overwrite a newer one. */
export function stateSaver(path: string) {
  let chain: Promise<void> = Promise.resolve();
  const save = (state: RelayState): Promise<void> => {
    const snapshot = JSON.stringify(state);
    // A failed save must not stop later ones: each waits for the previous, success or not.
    chain = chain.catch(() => {}).then(() => writeFileAtomic(path, snapshot));
    return chain;
  };
  /** Resolves when every save so far has reached the disk (or failed). */
  const flushed = (): Promise<void> => chain.catch(() => {});
  return { save, flushed };
}
