/** Take JPEGs apart into marker segments and put them back together differently (for hostile inputs). */

export interface Segment {
  marker: number;
  /** The whole segment, marker included; a scan (SOS) includes its entropy-coded data. */
  bytes: Buffer;
}

/** Split a JPEG into its segments, SOI and EOI included. */
export function jpegSegments(jpeg: Buffer): Segment[] {
  const segments: Segment[] = [{ marker: 0xd8, bytes: jpeg.subarray(0, 2) }];
  let i = 2;
  while (i < jpeg.length - 1) {
    const marker = jpeg[i + 1]!;
    if (marker === 0xd9) {
      segments.push({ marker, bytes: jpeg.subarray(i, i + 2) });
      break;
    }
    let end = i + 2 + jpeg.readUInt16BE(i + 2);
    if (marker === 0xda) {
      // Entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or a restart marker.
      while (
        end < jpeg.length - 1 &&
        !(jpeg[end] === 0xff && jpeg[end + 1] !== 0 && (jpeg[end + 1]! < 0xd0 || jpeg[end + 1]! > 0xd7))
      )
        end++;
    }
    segments.push({ marker, bytes: jpeg.subarray(i, end) });
    i = end;
  }
  return segments;
}

/**
 * A progressive JPEG whose smallest scan is repeated until the file is about `bytes` long: a "scan bomb"
 * that would make a decoder redo its work thousands of times.
 */
export function scanBomb(jpeg: Buffer, bytes: number): Buffer {
  const segments = jpegSegments(jpeg);
  const scans = segments.filter((s) => s.marker === 0xda);
  const smallest = scans.sort((a, b) => a.bytes.length - b.bytes.length)[0];
  if (!smallest) throw new Error('no scan in this JPEG');
  const at = segments.indexOf(smallest);
  const times = Math.max(1, Math.floor((bytes - jpeg.length) / smallest.bytes.length));
  return Buffer.concat([
    ...segments.slice(0, at + 1).map((s) => s.bytes),
    ...Array.from({ length: times }, () => smallest.bytes),
    ...segments.slice(at + 1).map((s) => s.bytes),
  ]);
}

/** Count the scans (SOS segments): a baseline JPEG has one, a progressive one several. */
export const scanCount = (jpeg: Buffer): number => jpegSegments(jpeg).filter((s) => s.marker === 0xda).length;

/** Insert a segment (marker + payload) right after SOI, e.g. a COM with a script or an APP2 with junk ICC. */
export function withSegment(jpeg: Buffer, marker: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head[0] = 0xff;
  head[1] = marker;
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), head, payload, jpeg.subarray(2)]);
}
