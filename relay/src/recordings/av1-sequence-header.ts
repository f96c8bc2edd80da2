/**
 * What an MP4 needs to know about an AV1 stream, read from its sequence header OBU: the `av1C` record and
 * the RFC 6381 codec string (AV1 Codec ISO Media File Format Binding, section 2.3; AV1 spec 5.5).
 */

const OBU_SEQUENCE_HEADER = 1;
const OBU_TEMPORAL_DELIMITER = 2;
const OBU_PADDING = 15;

export interface Obu {
  type: number;
  /** The whole OBU, header and size field included. */
  bytes: Buffer;
  /** The OBU's payload. */
  payload: Buffer;
}

/** The OBUs of a low-overhead bitstream chunk (every OBU carries its size, as libaom writes them). */
export function readObus(chunk: Buffer): Obu[] {
  const obus: Obu[] = [];
  let at = 0;
  while (at < chunk.length) {
    const header = chunk[at]!;
    const type = (header >> 3) & 15;
    let p = at + 1 + ((header >> 2) & 1);
    if (!((header >> 1) & 1)) throw new Error('an OBU without a size field');
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = chunk[p++];
      if (byte === undefined || shift > 49) throw new Error('a truncated OBU size');
      size += (byte & 0x7f) * 2 ** shift;
      if (!(byte & 0x80)) break;
    }
    if (p + size > chunk.length) throw new Error('a truncated OBU');
    obus.push({ type, bytes: chunk.subarray(at, p + size), payload: chunk.subarray(p, p + size) });
    at = p + size;
  }
  return obus;
}

/** A temporal unit as an MP4 sample: the binding says temporal delimiters and padding are left out. */
export function sampleOf(chunk: Buffer): Buffer {
  const kept = readObus(chunk).filter((o) => o.type !== OBU_TEMPORAL_DELIMITER && o.type !== OBU_PADDING);
  return Buffer.concat(kept.map((o) => o.bytes));
}

export interface SequenceHeader {
  profile: number;
  level: number;
  tier: number;
  bitDepth: number;
  monochrome: boolean;
  subsamplingX: number;
  subsamplingY: number;
  chromaSamplePosition: number;
  maxWidth: number;
  maxHeight: number;
  /** The sequence header OBU itself, for `av1C`'s configOBUs. */
  obu: Buffer;
}

/** The sequence header of a key chunk; throws when the chunk has none. */
export function sequenceHeaderOf(chunk: Buffer): SequenceHeader {
  const obu = readObus(chunk).find((o) => o.type === OBU_SEQUENCE_HEADER);
  if (!obu) throw new Error('no sequence header in this chunk (is it a key?)');
  return { ...parseSequenceHeader(obu.payload), obu: Buffer.from(obu.bytes) };
}

function bitReader(data: Buffer) {
  let bit = 0;
  const f = (n: number): number => {
    let value = 0;
    for (let i = 0; i < n; i++, bit++) {
      const byte = data[bit >> 3];
      if (byte === undefined) throw new Error('the sequence header is truncated');
      value = value * 2 + ((byte >> (7 - (bit & 7))) & 1);
    }
    return value;
  };
  const uvlc = (): number => {
    let zeros = 0;
    while (f(1) === 0) zeros++;
    return zeros >= 32 ? 2 ** 32 - 1 : f(zeros) + 2 ** zeros - 1;
  };
  return { f, uvlc };
}

/** AV1 spec 5.5.1–5.5.2, as far as color_config: everything av1C and the codec string name. */
function parseSequenceHeader(payload: Buffer): Omit<SequenceHeader, 'obu'> {
  const { f, uvlc } = bitReader(payload);
  const profile = f(3);
  f(1); // still_picture
  const reduced = f(1) === 1;
  let level = 0;
  let tier = 0;
  if (reduced) {
    level = f(5);
  } else {
    let decoderModel = false;
    let bufferDelayLength = 0;
    if (f(1)) {
      f(32); // num_units_in_display_tick
      f(32); // time_scale
      if (f(1)) uvlc(); // equal_picture_interval: num_ticks_per_picture_minus_1
      decoderModel = f(1) === 1;
      if (decoderModel) {
        bufferDelayLength = f(5) + 1;
        f(32); // num_units_in_decoding_tick
        f(5); // buffer_removal_time_length_minus_1
        f(5); // frame_presentation_time_length_minus_1
      }
    }
    const initialDisplayDelay = f(1) === 1;
    const operatingPoints = f(5) + 1;
    for (let i = 0; i < operatingPoints; i++) {
      f(12); // operating_point_idc
      const seqLevel = f(5);
      const seqTier = seqLevel > 7 ? f(1) : 0;
      if (i === 0) [level, tier] = [seqLevel, seqTier];
      if (decoderModel && f(1)) {
        f(bufferDelayLength); // decoder_buffer_delay
        f(bufferDelayLength); // encoder_buffer_delay
        f(1); // low_delay_mode_flag
      }
      if (initialDisplayDelay && f(1)) f(4);
    }
  }
  const widthBits = f(4) + 1;
  const heightBits = f(4) + 1;
  const maxWidth = f(widthBits) + 1;
  const maxHeight = f(heightBits) + 1;
  if (!reduced && f(1)) f(7); // frame_id_numbers_present: delta and additional lengths
  f(3); // use_128x128_superblock, enable_filter_intra, enable_intra_edge_filter
  if (!reduced) {
    f(4); // interintra, masked compound, warped motion, dual filter
    const orderHint = f(1) === 1;
    if (orderHint) f(2); // jnt_comp, ref_frame_mvs
    const forceScreenContent = f(1) ? 2 : f(1);
    if (forceScreenContent > 0 && !f(1)) f(1); // seq_choose_integer_mv, else seq_force_integer_mv
    if (orderHint) f(3); // order_hint_bits_minus_1
  }
  f(3); // superres, cdef, restoration
  return { profile, level, tier, maxWidth, maxHeight, ...parseColorConfig(f, profile) };
}

function parseColorConfig(f: (n: number) => number, profile: number) {
  const high = f(1) === 1;
  const bitDepth = profile === 2 && high ? (f(1) ? 12 : 10) : high ? 10 : 8;
  const monochrome = profile === 1 ? false : f(1) === 1;
  let [primaries, transfer, matrix] = [2, 2, 2];
  if (f(1)) [primaries, transfer, matrix] = [f(8), f(8), f(8)];
  if (monochrome) return { bitDepth, monochrome, subsamplingX: 1, subsamplingY: 1, chromaSamplePosition: 0 };
  if (primaries === 1 && transfer === 13 && matrix === 0)
    return { bitDepth, monochrome, subsamplingX: 0, subsamplingY: 0, chromaSamplePosition: 0 };
  f(1); // color_range
  let [subsamplingX, subsamplingY] = profile === 0 ? [1, 1] : profile === 1 ? [0, 0] : [1, 0];
  if (profile === 2 && bitDepth === 12) {
    subsamplingX = f(1);
    subsamplingY = subsamplingX ? f(1) : 0;
  }
  const chromaSamplePosition = subsamplingX && subsamplingY ? f(2) : 0;
  return { bitDepth, monochrome, subsamplingX, subsamplingY, chromaSamplePosition };
}

/** The AV1CodecConfigurationRecord (the body of the `av1C` box). */
export function av1ConfigRecord(sh: SequenceHeader): Buffer {
  const head = Buffer.from([
    0x81, // marker 1, version 1
    (sh.profile << 5) | sh.level,
    (sh.tier << 7) |
      ((sh.bitDepth > 8 ? 1 : 0) << 6) |
      ((sh.bitDepth === 12 ? 1 : 0) << 5) |
      ((sh.monochrome ? 1 : 0) << 4) |
      (sh.subsamplingX << 3) |
      (sh.subsamplingY << 2) |
      sh.chromaSamplePosition,
    0, // no initial presentation delay
  ]);
  return Buffer.concat([head, sh.obu]);
}

/** `av01.P.LLT.DD`, as HLS's CODECS attribute and `canPlayType` take it. */
export function av1CodecString(sh: SequenceHeader): string {
  const level = String(sh.level).padStart(2, '0');
  return `av01.${sh.profile}.${level}${sh.tier ? 'H' : 'M'}.${String(sh.bitDepth).padStart(2, '0')}`;
}
