/**
 * The live playlist's sliding window: which segments it lists, which stay on disk a while after leaving it
 * (a player may have just read a playlist that names them), and which files may go. Pure: no I/O.
 */
import type { LivePlaylist, PlaylistSegment } from './hls-playlist.ts';

export interface WindowState {
  /** Listed and lingering, oldest first; the last `listed` of them are in the playlist. */
  segments: PlaylistSegment[];
  /** Media sequence number of `segments[0]`. */
  firstSequence: number;
  /** Discontinuities that left the playlist (its DISCONTINUITY-SEQUENCE). */
  discontinuitySequence: number;
}

export interface WindowLimits {
  /** Segments in the playlist. */
  listed: number;
  /** Bytes the segments and their inits may take on disk. */
  maxBytes: number;
}

/**
 * RFC 8216 6.2.2: a segment is listed while the playlist is at least three target durations long, and
 * stays fetchable for a playlist's duration after it leaves. So: `listed` in the playlist, as many more
 * lingering, fewer only when the disk budget says so (never fewer than 3 listed).
 */
export const MIN_LISTED = 3;

export function emptyWindow(): WindowState {
  return { segments: [], firstSequence: 0, discontinuitySequence: 0 };
}

export function listedSegments(state: WindowState, limits: WindowLimits): PlaylistSegment[] {
  return state.segments.slice(-limits.listed);
}

export function playlistOf(state: WindowState, limits: WindowLimits, targetDurationMs: number): LivePlaylist {
  const listed = listedSegments(state, limits);
  const skipped = state.segments.length - listed.length;
  const leftBefore = state.segments.slice(0, skipped).filter((s) => s.discontinuity).length;
  return {
    segments: listed,
    mediaSequence: state.firstSequence + skipped,
    discontinuitySequence: state.discontinuitySequence + leftBefore,
    targetDurationMs,
  };
}

/** Add a segment; returns the new state and the URIs (segments and inits) no longer needed. */
export function addSegment(
  state: WindowState,
  segment: PlaylistSegment,
  limits: WindowLimits,
  initBytes: (uri: string) => number,
): { state: WindowState; unused: string[] } {
  const segments = [...state.segments, segment];
  let { firstSequence, discontinuitySequence } = state;
  const bytesOf = (list: PlaylistSegment[]) =>
    list.reduce((n, s) => n + s.bytes, 0) +
    [...new Set(list.map((s) => s.initUri))].reduce((n, u) => n + initBytes(u), 0);
  const overLimit = (list: PlaylistSegment[]) =>
    list.length > 2 * limits.listed || (list.length > MIN_LISTED && bytesOf(list) > limits.maxBytes);
  const removed: PlaylistSegment[] = [];
  while (overLimit(segments)) removed.push(segments.shift()!);
  firstSequence += removed.length;
  discontinuitySequence += removed.filter((s) => s.discontinuity).length;
  const inits = new Set(segments.map((s) => s.initUri));
  const unusedInits = [...new Set(removed.map((s) => s.initUri))].filter((u) => !inits.has(u));
  return {
    state: { segments, firstSequence, discontinuitySequence },
    unused: [...removed.map((s) => s.uri), ...unusedInits],
  };
}
