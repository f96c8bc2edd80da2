/** A lossless WebP (VP8L) header declaring any size, followed by junk: a header bomb in WebP form. */
export function webpDeclaring(width: number, height: number): Buffer {
  const vp8l = Buffer.alloc(5 + 64);
  vp8l[0] = 0x2f; // VP8L signature
  // 14 bits width-1, 14 bits height-1, 1 bit alpha, 3 bits version (0), little-endian.
  const bits = ((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14);
  vp8l.writeUInt32LE(bits >>> 0, 1);
  const chunk = Buffer.concat([Buffer.from('VP8L'), u32(vp8l.length), vp8l]);
  return Buffer.concat([Buffer.from('RIFF'), u32(4 + chunk.length), Buffer.from('WEBP'), chunk]);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}
