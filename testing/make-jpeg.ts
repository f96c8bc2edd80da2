/** Photo-like grayscale test JPEGs made with sharp: each seed a different scene, always the same one. */
import sharp from 'sharp';
import { seededRandom } from './random.ts';

export interface JpegOptions {
  width?: number;
  height?: number;
  quality?: number;
  /** Sensor-like grain, in gray levels either side. */
  noise?: number;
}

/** Smooth gradients, a few shapes placed by `seed`, and grain: what a fixed camera's frame compresses like. */
export async function makeJpeg(seed: number, options: JpegOptions = {}): Promise<Buffer> {
  const { width = 800, height = 600, quality = 85, noise = 6 } = options;
  const rand = seededRandom(seed);
  const shapes = Array.from({ length: 6 }, () => {
    const x = Math.round(rand() * width);
    const y = Math.round(rand() * height);
    const r = Math.round(30 + rand() * 120);
    const g = Math.round(40 + rand() * 200);
    return `<circle cx="${x}" cy="${y}" r="${r}" fill="rgb(${g},${g},${g})" opacity="0.8"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#303030"/><stop offset="1" stop-color="#c8c8c8"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>${shapes}</svg>`;
  const { data, info } = await sharp(Buffer.from(svg))
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const grain = seededRandom(seed * 7919 + 1);
  for (let i = 0; i < data.length; i++) data[i] = clamp(data[i]! + Math.round((grain() - 0.5) * 2 * noise));
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .jpeg({ quality })
    .toBuffer();
}

const clamp = (v: number) => Math.max(0, Math.min(255, v));
