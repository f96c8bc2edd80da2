/**
 * The room the camera looks at, drawn once: a wall lit from a window, a floor, a desk and chair, a
 * shelf of books, a door, a picture. No clock, no screen, nothing that shows the time.
 */
import sharp from 'sharp';
import { CHAIR_SHARE } from './script.ts';

/** The room's gray levels (0–255, as floats), row by row, before light, people and noise. */
export interface Room {
  width: number;
  height: number;
  pixels: Float32Array;
}

export async function renderRoom(width: number, height: number): Promise<Room> {
  const w = (share: number) => Math.round(width * share);
  const h = (share: number) => Math.round(height * share);
  const chair = w(CHAIR_SHARE);
  const books = Array.from({ length: 9 }, (_, i) => {
    const x = w(0.78) + i * w(0.021);
    const tall = h(0.07) + ((i * 37) % 11);
    const gray = 60 + ((i * 53) % 90);
    return `<rect x="${x}" y="${h(0.36) - tall}" width="${w(0.018)}" height="${tall}" fill="rgb(${gray},${gray},${gray})"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <defs>
    <linearGradient id="wall" x1="0" y1="0" x2="1" y2="0.3">
      <stop offset="0" stop-color="rgb(176,176,176)"/><stop offset="1" stop-color="rgb(128,128,128)"/>
    </linearGradient>
    <linearGradient id="floor" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="rgb(104,104,104)"/><stop offset="1" stop-color="rgb(78,78,78)"/>
    </linearGradient>
    <radialGradient id="glow" cx="0.12" cy="0.35" r="0.6">
      <stop offset="0" stop-color="white" stop-opacity="0.22"/><stop offset="1" stop-color="white" stop-opacity="0"/>
    </radialGradient>
  </defs>
  <rect width="${width}" height="${height}" fill="url(#wall)"/>
  <rect y="${h(0.68)}" width="${width}" height="${height - h(0.68)}" fill="url(#floor)"/>
  <rect y="${h(0.665)}" width="${width}" height="${h(0.02)}" fill="rgb(92,92,92)"/>
  <rect x="${w(0.05)}" y="${h(0.14)}" width="${w(0.17)}" height="${h(0.36)}" fill="rgb(214,214,214)"/>
  <rect x="${w(0.135)}" y="${h(0.14)}" width="${w(0.008)}" height="${h(0.36)}" fill="rgb(120,120,120)"/>
  <rect x="${w(0.05)}" y="${h(0.31)}" width="${w(0.17)}" height="${h(0.008)}" fill="rgb(120,120,120)"/>
  <rect width="${width}" height="${height}" fill="url(#glow)"/>
  <rect x="${w(0.33)}" y="${h(0.2)}" width="${w(0.11)}" height="${h(0.13)}" fill="rgb(70,70,70)"/>
  <rect x="${w(0.34)}" y="${h(0.215)}" width="${w(0.09)}" height="${h(0.1)}" fill="rgb(138,138,138)"/>
  <rect x="${w(0.76)}" y="${h(0.36)}" width="${w(0.21)}" height="${h(0.012)}" fill="rgb(66,66,66)"/>
  ${books}
  <rect x="${w(0.88)}" y="${h(0.4)}" width="${w(0.1)}" height="${h(0.28)}" fill="rgb(112,112,112)"/>
  <circle cx="${w(0.895)}" cy="${h(0.55)}" r="${w(0.004)}" fill="rgb(60,60,60)"/>
  <rect x="${w(0.5)}" y="${h(0.52)}" width="${w(0.26)}" height="${h(0.025)}" fill="rgb(72,72,72)"/>
  <rect x="${w(0.51)}" y="${h(0.545)}" width="${w(0.012)}" height="${h(0.16)}" fill="rgb(58,58,58)"/>
  <rect x="${w(0.74)}" y="${h(0.545)}" width="${w(0.012)}" height="${h(0.16)}" fill="rgb(58,58,58)"/>
  <rect x="${w(0.54)}" y="${h(0.46)}" width="${w(0.06)}" height="${h(0.06)}" fill="rgb(96,96,96)"/>
  <rect x="${chair - w(0.03)}" y="${h(0.5)}" width="${w(0.008)}" height="${h(0.21)}" fill="rgb(50,50,50)"/>
  <rect x="${chair - w(0.03)}" y="${h(0.6)}" width="${w(0.06)}" height="${h(0.012)}" fill="rgb(50,50,50)"/>
  <ellipse cx="${w(0.6)}" cy="${h(0.84)}" rx="${w(0.2)}" ry="${h(0.05)}" fill="rgb(70,70,70)" opacity="0.5"/>
</svg>`;
  const { data } = await sharp(Buffer.from(svg))
    .greyscale()
    .blur(0.8)
    .raw()
    .toBuffer({ resolveWithObject: true });
  const pixels = new Float32Array(width * height);
  // The SVG renders with alpha; greyscale + raw keeps two channels (gray, alpha) or one.
  const step = data.length / (width * height);
  for (let i = 0; i < pixels.length; i++) pixels[i] = data[i * step]!;
  return { width, height, pixels };
}
