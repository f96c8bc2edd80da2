/**
 * ISO base media file format boxes (ISO/IEC 14496-12) for one AV1 video track: the few the live HLS
 * segments and the timelapse files share. Boxes are built as Buffers, children inside parents.
 */
import { av1ConfigRecord, type SequenceHeader } from './av1-sequence-header.ts';

export const TRACK_ID = 1;

export function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
}

export function fullBox(type: string, version: number, flags: number, ...payload: Buffer[]): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(((version & 0xff) << 24) | (flags & 0xffffff), 0);
  return box(type, head, ...payload);
}

/** Big-endian unsigned 32-bit words. */
export function u32(...values: number[]): Buffer {
  const out = Buffer.alloc(4 * values.length);
  for (const [i, v] of values.entries()) out.writeUInt32BE(v >>> 0, 4 * i);
  return out;
}

export function u64(value: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64BE(BigInt(Math.round(value)));
  return out;
}

export function u16(...values: number[]): Buffer {
  const out = Buffer.alloc(2 * values.length);
  for (const [i, v] of values.entries()) out.writeUInt16BE(v & 0xffff, 2 * i);
  return out;
}

/** `ftyp` or `styp`. */
export const fileType = (type: 'ftyp' | 'styp', major: string, compatible: string[]) =>
  box(type, Buffer.from(major, 'latin1'), u32(0), Buffer.from(compatible.join(''), 'latin1'));

const UNITY_MATRIX = u32(0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000);

/** `mvhd`: the movie's timescale is the track's, so durations need no conversion. */
export function movieHeader(timescale: number, duration: number): Buffer {
  return fullBox(
    'mvhd',
    1,
    0,
    u64(0), // creation_time
    u64(0), // modification_time
    u32(timescale),
    u64(duration),
    u32(0x10000), // rate 1.0
    u16(0x100, 0), // volume 1.0, reserved
    u32(0, 0),
    UNITY_MATRIX,
    Buffer.alloc(24), // pre_defined
    u32(TRACK_ID + 1), // next_track_ID
  );
}

export interface TrackDescription {
  width: number;
  height: number;
  timescale: number;
  /** In timescale units; 0 for a fragmented file, whose samples come in fragments. */
  duration: number;
  sequenceHeader: SequenceHeader;
}

/** `trak` around a sample table: the sample description plus the tables the caller gives. */
export function videoTrack(track: TrackDescription, sampleTables: Buffer[]): Buffer {
  const { width, height, timescale, duration } = track;
  const tkhd = fullBox(
    'tkhd',
    1,
    0x7, // enabled, in movie, in preview
    u64(0),
    u64(0),
    u32(TRACK_ID, 0),
    u64(duration),
    u32(0, 0),
    u16(0, 0, 0, 0), // layer, alternate_group, volume (video: 0), reserved
    UNITY_MATRIX,
    u32(width * 0x10000, height * 0x10000),
  );
  const mdhd = fullBox('mdhd', 1, 0, u64(0), u64(0), u32(timescale), u64(duration), u16(0x55c4, 0)); // "und"
  const hdlr = fullBox('hdlr', 0, 0, u32(0), Buffer.from('vide'), u32(0, 0, 0), Buffer.from('Porthole\0'));
  const vmhd = fullBox('vmhd', 0, 1, u16(0, 0, 0, 0));
  const dinf = box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, 1)));
  const stbl = box('stbl', sampleDescription(track), ...sampleTables);
  return box('trak', tkhd, box('mdia', mdhd, hdlr, box('minf', vmhd, dinf, stbl)));
}

/** `stsd` with one `av01` visual sample entry carrying `av1C`. */
function sampleDescription(track: TrackDescription): Buffer {
  const compressor = Buffer.alloc(32);
  compressor.write('\x03AV1', 'latin1');
  const entry = box(
    'av01',
    Buffer.alloc(6), // reserved
    u16(1), // data_reference_index
    u16(0, 0),
    u32(0, 0, 0),
    u16(track.width, track.height),
    u32(0x480000, 0x480000, 0), // 72 dpi, reserved
    u16(1), // frame_count
    compressor,
    u16(0x18, 0xffff), // depth, pre_defined -1
    box('av1C', av1ConfigRecord(track.sequenceHeader)),
  );
  return fullBox('stsd', 0, 0, u32(1), entry);
}

/** Sample flags (14496-12 8.8.3.1): a key depends on nothing; anything else is a non-sync sample. */
export const KEY_SAMPLE_FLAGS = 0x02000000;
export const DELTA_SAMPLE_FLAGS = 0x01010000;
