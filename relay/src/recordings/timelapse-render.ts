/** One day's samples as files: a progressive MP4, a fragmented copy and the HLS VOD playlist over it. */
import { sampleOf, sequenceHeaderOf } from './av1-sequence-header.ts';
import { initSegment, mediaSegment, type Sample } from './fmp4.ts';
import { type PlaylistSegment, vodPlaylist } from './hls-playlist.ts';
import { mp4File } from './mp4-file.ts';
import type { StoredSample } from './timelapse-samples.ts';

export interface RenderedDay {
  mp4: Buffer;
  fragmented: Buffer;
  playlist: string;
  frames: number;
  seconds: number;
}

/** `base` names the files: the playlist's segments are byte ranges of `<base>.hls.mp4`. */
export function renderDay(base: string, stored: StoredSample[], fps: number): RenderedDay | undefined {
  const first = stored.findIndex((s) => s.key);
  if (first < 0) return undefined;
  const kept = stored.slice(first);
  const { width, height } = kept[0]!;
  const timescale = fps * 1000;
  const options = { width, height, timescale, sequenceHeader: sequenceHeaderOf(kept[0]!.data) };
  const samples: Sample[] = kept.map((s) => ({ data: sampleOf(s.data), key: s.key, duration: 1000 }));
  const init = initSegment(options);
  // One fragment per group of pictures: each starts with a key, as HLS segments must.
  const groups: Sample[][] = [];
  for (const s of samples) s.key || groups.length === 0 ? groups.push([s]) : groups.at(-1)!.push(s);
  const parts: Buffer[] = [init];
  const segments: PlaylistSegment[] = [];
  let offset = init.length;
  let time = 0;
  for (const [i, group] of groups.entries()) {
    const fragment = mediaSegment(i + 1, time, group, false);
    const durationMs = (group.length * 1000) / fps;
    segments.push({
      uri: `${base}.hls.mp4`,
      durationMs,
      startedAt: 0,
      initUri: `${base}.hls.mp4`,
      discontinuity: false,
      bytes: fragment.length,
      range: { offset, length: fragment.length },
    });
    parts.push(fragment);
    offset += fragment.length;
    time += group.length * 1000;
  }
  return {
    mp4: mp4File(options, samples),
    fragmented: Buffer.concat(parts),
    playlist: vodPlaylist(segments, { offset: 0, length: init.length }),
    frames: samples.length,
    seconds: samples.length / fps,
  };
}
