/**
 * A seeded mutation fuzzer's mutator: byte- and structure-level edits that real decoders have tripped
 * over (flipped bits, boundary values in length fields, truncation, duplicated and spliced ranges).
 * Jazzer.js would add coverage guidance; its native addon cannot load here (see the README).
 */
import { between, pick, type Random } from '../random.ts';

const INTERESTING_8 = [0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff];
const INTERESTING_16 = [0x0000, 0x0001, 0x0002, 0x7fff, 0x8000, 0xfffe, 0xffff];

type Mutation = (input: Buffer, random: Random, donor: Buffer) => Buffer;

const MUTATIONS: Mutation[] = [
  function flipBit(input, random) {
    const out = Buffer.from(input);
    if (out.length === 0) return out;
    const at = between(random, 0, out.length - 1);
    out[at] = out[at]! ^ (1 << between(random, 0, 7));
    return out;
  },
  function interestingByte(input, random) {
    const out = Buffer.from(input);
    if (out.length > 0) out[between(random, 0, out.length - 1)] = pick(random, INTERESTING_8);
    return out;
  },
  function interestingWord(input, random) {
    const out = Buffer.from(input);
    if (out.length > 2) out.writeUInt16BE(pick(random, INTERESTING_16), between(random, 0, out.length - 2));
    return out;
  },
  function truncate(input, random) {
    return input.subarray(0, between(random, 0, input.length));
  },
  function deleteRange(input, random) {
    const from = between(random, 0, input.length);
    return Buffer.concat([
      input.subarray(0, from),
      input.subarray(Math.min(input.length, from + between(random, 1, 256))),
    ]);
  },
  function duplicateRange(input, random) {
    const from = between(random, 0, input.length);
    const range = input.subarray(from, from + between(random, 1, 512));
    return Buffer.concat([input.subarray(0, from), range, range, input.subarray(from)]);
  },
  function insertRandom(input, random) {
    const at = between(random, 0, input.length);
    const bytes = Buffer.from(Array.from({ length: between(random, 1, 64) }, () => between(random, 0, 255)));
    return Buffer.concat([input.subarray(0, at), bytes, input.subarray(at)]);
  },
  function splice(input, random, donor) {
    const at = between(random, 0, input.length);
    const from = between(random, 0, donor.length);
    return Buffer.concat([input.subarray(0, at), donor.subarray(from, from + between(random, 1, 4096))]);
  },
  /** Hit a JPEG segment's length field, or a PNG chunk's, where parsers decide how much to read. */
  function lengthField(input, random) {
    const out = Buffer.from(input);
    const markers: number[] = [];
    for (let i = 0; i < out.length - 3; i++) {
      if (out[i] === 0xff && out[i + 1]! >= 0xc0 && out[i + 1]! <= 0xfe) markers.push(i + 2);
      if (out.toString('latin1', i, i + 4).match(/^(IHDR|IDAT|tEXt|VP8 |VP8L|EXIF)$/)) markers.push(i - 4);
      if (markers.length > 64) break;
    }
    const at = markers.length > 0 ? pick(random, markers) : -1;
    if (at >= 0 && at + 2 <= out.length) out.writeUInt16BE(pick(random, INTERESTING_16), at);
    return out;
  },
];

/** Apply 1–4 random mutations to `input` (splices draw from `donor`). */
export function mutate(input: Buffer, random: Random, donor: Buffer = input): Buffer {
  let out = input;
  for (let n = between(random, 1, 4); n > 0; n--) out = pick(random, MUTATIONS)(out, random, donor);
  return out;
}
