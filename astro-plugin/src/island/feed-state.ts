import type { FeedState } from '../stores.ts';

/** What the feed is doing, from the visitor's choice, their preferences and the relay's answers. */
export const feedState = (
  /** The persisted choice: true paused, false play, undefined not chosen. */
  paused: boolean | undefined,
  /** Reduced motion or Save-Data. */
  stillPreferred: boolean,
  /** The relay serves its loop, or cannot be reached. */
  offline: boolean,
  /** A frame from the relay is on screen. */
  started: boolean,
): FeedState =>
  paused
    ? 'paused'
    : stillPreferred && paused === undefined
      ? 'still'
      : offline
        ? 'offline'
        : started
          ? 'playing'
          : 'connecting';

/** Only these states fetch anything. */
export const feedPolls = (state: FeedState): boolean => state !== 'paused' && state !== 'still';
