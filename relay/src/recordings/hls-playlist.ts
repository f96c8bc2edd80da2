/** HLS playlists as text (RFC 8216bis): the live media playlist, a VOD one, and the multivariant one. */

export interface PlaylistSegment {
  /** Relative to the playlist. */
  uri: string;
  durationMs: number;
  /** Wall-clock time of its first frame: EXT-X-PROGRAM-DATE-TIME. */
  startedAt: number;
  /** Its init segment (EXT-X-MAP). */
  initUri: string;
  /** Timestamps, size or encoder start over here (EXT-X-DISCONTINUITY). */
  discontinuity: boolean;
  bytes: number;
  /** A byte range in `uri`, for segments inside one file (VOD). */
  range?: { offset: number; length: number };
}

export interface LivePlaylist {
  segments: PlaylistSegment[];
  /** Media sequence number of the first segment. */
  mediaSequence: number;
  /** Discontinuities that have left the window. */
  discontinuitySequence: number;
  targetDurationMs: number;
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function segmentLines(segments: PlaylistSegment[], withDates: boolean, initRange?: string): string[] {
  const lines: string[] = [];
  let map: string | undefined;
  for (const s of segments) {
    // Also on the window's first segment: the discontinuity sequence counts only tags that have left.
    if (s.discontinuity) lines.push('#EXT-X-DISCONTINUITY');
    if (s.initUri !== map) {
      lines.push(`#EXT-X-MAP:URI="${s.initUri}"${initRange ? `,BYTERANGE="${initRange}"` : ''}`);
      map = s.initUri;
    }
    if (withDates) lines.push(`#EXT-X-PROGRAM-DATE-TIME:${new Date(s.startedAt).toISOString()}`);
    lines.push(`#EXTINF:${seconds(s.durationMs)},`);
    if (s.range) lines.push(`#EXT-X-BYTERANGE:${s.range.length}@${s.range.offset}`);
    lines.push(s.uri);
  }
  return lines;
}

/** The live playlist: no ENDLIST, so players reload it about once a target duration. */
export function livePlaylist(playlist: LivePlaylist): string {
  const target = Math.ceil(playlist.targetDurationMs / 1000);
  return [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    `#EXT-X-TARGETDURATION:${target}`,
    `#EXT-X-MEDIA-SEQUENCE:${playlist.mediaSequence}`,
    `#EXT-X-DISCONTINUITY-SEQUENCE:${playlist.discontinuitySequence}`,
    '#EXT-X-INDEPENDENT-SEGMENTS',
    ...segmentLines(playlist.segments, true),
    '',
  ].join('\n');
}

/** A finished recording: every segment, one init, ENDLIST. Segments may be byte ranges of one file. */
export function vodPlaylist(
  segments: PlaylistSegment[],
  initRange?: { offset: number; length: number },
): string {
  const target = Math.max(1, ...segments.map((s) => Math.ceil(s.durationMs / 1000)));
  return [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    `#EXT-X-TARGETDURATION:${target}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXT-X-PLAYLIST-TYPE:VOD',
    '#EXT-X-INDEPENDENT-SEGMENTS',
    ...segmentLines(segments, false, initRange && `${initRange.length}@${initRange.offset}`),
    '#EXT-X-ENDLIST',
    '',
  ].join('\n');
}

export interface Variant {
  uri: string;
  codecs: string;
  width: number;
  height: number;
  /** Peak bits per second over a segment. */
  bandwidth: number;
  averageBandwidth: number;
  frameRate: number;
}

/** The multivariant playlist: one variant, so a player knows the codec before it fetches anything. */
export function multivariantPlaylist(v: Variant): string {
  return [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    '#EXT-X-INDEPENDENT-SEGMENTS',
    `#EXT-X-STREAM-INF:BANDWIDTH=${v.bandwidth},AVERAGE-BANDWIDTH=${v.averageBandwidth},CODECS="${v.codecs}",RESOLUTION=${v.width}x${v.height},FRAME-RATE=${v.frameRate.toFixed(3)}`,
    v.uri,
    '',
  ].join('\n');
}
