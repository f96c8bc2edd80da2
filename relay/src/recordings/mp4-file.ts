/** A progressive MP4 of one AV1 track: `ftyp`, `moov` first (plays while it downloads), then one `mdat`. */
import type { InitOptions, Sample } from './fmp4.ts';
import { box, fileType, fullBox, movieHeader, u32, videoTrack } from './mp4-boxes.ts';

export function mp4File(options: InitOptions, samples: Sample[]): Buffer {
  const duration = samples.reduce((sum, s) => sum + s.duration, 0);
  const ftyp = fileType('ftyp', 'isom', ['isom', 'iso6', 'av01', 'mp41']);
  const moov = (mdatStart: number) => {
    const keys = samples.flatMap((s, i) => (s.key ? [i + 1] : []));
    const tables = [
      fullBox('stts', 0, 0, u32(...timeToSample(samples))),
      fullBox('stss', 0, 0, u32(keys.length, ...keys)),
      fullBox('stsc', 0, 0, u32(1, 1, samples.length, 1)), // one chunk holds every sample
      fullBox('stsz', 0, 0, u32(0, samples.length, ...samples.map((s) => s.data.length))),
      fullBox('stco', 0, 0, u32(1, mdatStart)),
    ];
    return box(
      'moov',
      movieHeader(options.timescale, duration),
      videoTrack({ ...options, duration }, tables),
    );
  };
  const mdatStart = ftyp.length + moov(0).length + 8;
  if (mdatStart + samples.reduce((n, s) => n + s.data.length, 0) > 0xffffffff)
    throw new Error('a timelapse over 4 GB');
  return Buffer.concat([ftyp, moov(mdatStart), box('mdat', ...samples.map((s) => s.data))]);
}

/** `stts` entries: entry count, then runs of (count, duration). */
function timeToSample(samples: Sample[]): number[] {
  const runs: [number, number][] = [];
  for (const { duration } of samples) {
    const last = runs.at(-1);
    if (last && last[1] === duration) last[0]++;
    else runs.push([1, duration]);
  }
  return [runs.length, ...runs.flat()];
}
