/**
 * Pixels to the encoder's input: 4:2:0 planes in limited ("TV") range, the range every WebCodecs decoder
 * assumes for AV1 whatever the stream signals. Odd sizes are cropped to even.
 */
export function toLimitedRangeI420(pixels: Uint8Array, width: number, height: number, channels: number) {
  const w = width & ~1;
  const h = height & ~1;
  const cw = w / 2;
  const ySize = w * h;
  const data = new Uint8Array(ySize + 2 * cw * (h / 2));
  const layout = [
    { offset: 0, stride: w },
    { offset: ySize, stride: cw },
    { offset: ySize + cw * (h / 2), stride: cw },
  ];
  if (channels === 1) {
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[y * w + x] = LUMA[pixels[y * width + x]!]!;
    data.fill(128, ySize);
    return { data, width: w, height: h, layout };
  }
  // BT.601 from sRGB, chroma averaged over each 2×2 block.
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * width + x) * channels;
      data[y * w + x] =
        16 + ((65.738 * pixels[i]! + 129.057 * pixels[i + 1]! + 25.064 * pixels[i + 2]!) >> 8);
    }
  for (let y = 0; y < h; y += 2)
    for (let x = 0; x < w; x += 2) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of CORNERS) {
        const i = ((y + dy) * width + x + dx) * channels;
        r += pixels[i]!;
        g += pixels[i + 1]!;
        b += pixels[i + 2]!;
      }
      const at = (y / 2) * cw + x / 2;
      data[layout[1]!.offset + at] = 128 + (-37.945 * r - 74.494 * g + 112.439 * b) / 4 / 256;
      data[layout[2]!.offset + at] = 128 + (112.439 * r - 94.154 * g - 18.285 * b) / 4 / 256;
    }
  return { data, width: w, height: h, layout };
}

const CORNERS = [
  [0, 0],
  [1, 0],
  [0, 1],
  [1, 1],
] as const;

/** Full-range gray to limited-range luma. */
const LUMA = Uint8Array.from({ length: 256 }, (_, v) => Math.round(16 + (v * 219) / 255));
