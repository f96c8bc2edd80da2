/**
 * Fragmented MP4 (CMAF) for AV1: the init segment (`ftyp` + `moov` with `mvex`) and media segments
 * (`styp` + `moof` + `mdat`), as HLS's EXT-X-MAP and segments, and the timelapse's HLS VOD, use them.
 */
import type { SequenceHeader } from './av1-sequence-header.ts';
import {
  box,
  DELTA_SAMPLE_FLAGS,
  fileType,
  fullBox,
  KEY_SAMPLE_FLAGS,
  movieHeader,
  TRACK_ID,
  u32,
  u64,
  videoTrack,
} from './mp4-boxes.ts';

export interface Sample {
  /** An AV1 temporal unit as an MP4 sample (see `sampleOf`). */
  data: Buffer;
  key: boolean;
  /** In the track's timescale. */
  duration: number;
}

export interface InitOptions {
  width: number;
  height: number;
  timescale: number;
  sequenceHeader: SequenceHeader;
}

const EMPTY_TABLES = () => [
  fullBox('stts', 0, 0, u32(0)),
  fullBox('stsc', 0, 0, u32(0)),
  fullBox('stsz', 0, 0, u32(0, 0)),
  fullBox('stco', 0, 0, u32(0)),
];

export function initSegment(options: InitOptions): Buffer {
  const { timescale } = options;
  const trex = fullBox('trex', 0, 0, u32(TRACK_ID, 1, 0, 0, DELTA_SAMPLE_FLAGS));
  return Buffer.concat([
    fileType('ftyp', 'iso6', ['iso6', 'cmfc', 'av01', 'mp41']),
    box(
      'moov',
      movieHeader(timescale, 0),
      videoTrack({ ...options, duration: 0 }, EMPTY_TABLES()),
      box('mvex', trex),
    ),
  ]);
}

/**
 * One media segment: `sequence` numbers the fragment (mfhd), `decodeTime` is its first sample's time in
 * the timescale (tfdt). The first sample should be a key, so the segment decodes on its own.
 */
export function mediaSegment(
  sequence: number,
  decodeTime: number,
  samples: Sample[],
  withStyp = true,
): Buffer {
  const moof = (dataOffset: number) => {
    const tfhd = fullBox('tfhd', 0, 0x020000 | 0x20, u32(TRACK_ID, DELTA_SAMPLE_FLAGS)); // base is moof; default flags
    const tfdt = fullBox('tfdt', 1, 0, u64(decodeTime));
    const first = samples[0]?.key ? KEY_SAMPLE_FLAGS : DELTA_SAMPLE_FLAGS;
    const perSample = samples.flatMap((s) => [s.duration, s.data.length]);
    // data offset, first-sample flags, per-sample duration and size
    const trun = fullBox(
      'trun',
      0,
      0x1 | 0x4 | 0x100 | 0x200,
      u32(samples.length, dataOffset, first, ...perSample),
    );
    return box('moof', fullBox('mfhd', 0, 0, u32(sequence)), box('traf', tfhd, tfdt, trun));
  };
  const size = moof(0).length;
  const mdat = box('mdat', ...samples.map((s) => s.data));
  const styp = withStyp ? fileType('styp', 'msdh', ['msdh', 'cmfs']) : Buffer.alloc(0);
  return Buffer.concat([styp, moof(size + 8), mdat]);
}
