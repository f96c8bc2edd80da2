/**
 * Renders the default loop into this folder: frame-000.jpg … frame-NNN.jpg.
 *
 *   /work/main/node_modules/.bin/node loop/generate.ts [--frames 24] [--out loop]
 *
 * The output is deterministic (seeded grain), so regenerating an unchanged scene
 * leaves git clean.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { deskScene, HEIGHT, WIDTH } from './scene.ts';

const JPEG_QUALITY = 80;
const GRAIN_STRENGTH = 5;

/** mulberry32: a tiny seeded PRNG, so the grain is the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Adds faint sensor-like noise so the loop does not look drawn (and is not suspiciously clean). */
function addGrain(pixels: Buffer, seed: number): Buffer {
  const random = seededRandom(seed);
  const out = Buffer.alloc(pixels.length);
  for (let i = 0; i < pixels.length; i++) {
    // Sum of two uniforms: a cheap triangular distribution, close enough to sensor noise.
    const noise = (random() + random() - 1) * GRAIN_STRENGTH;
    out[i] = Math.max(0, Math.min(255, Math.round((pixels[i] ?? 0) + noise)));
  }
  return out;
}

/** One frame of the loop as a grayscale JPEG. */
export async function renderLoopFrame(index: number, frameCount: number): Promise<Buffer> {
  const svg = Buffer.from(deskScene(index / frameCount));
  const gray = await sharp(svg).grayscale().extractChannel(0).raw().toBuffer();
  const grainy = addGrain(gray, index + 1);
  return sharp(grainy, { raw: { width: WIDTH, height: HEIGHT, channels: 1 } })
    .jpeg({ quality: JPEG_QUALITY, mozjpeg: true })
    .toBuffer();
}

export function frameName(index: number): string {
  return `frame-${String(index).padStart(3, '0')}.jpg`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      frames: { type: 'string', default: '24' },
      out: { type: 'string', default: import.meta.dirname },
    },
  });
  const frameCount = Number(values.frames);
  if (!Number.isInteger(frameCount) || frameCount < 2 || frameCount > 999) {
    throw new Error(`Expected an integer from 2 to 999 for --frames but received ${values.frames}`);
  }
  const out = values.out;
  await mkdir(out, { recursive: true });
  // Drop frames from an earlier, longer loop so the relay does not play stale ones.
  for (const name of await readdir(out)) {
    if (/^frame-\d{3}\.jpg$/.test(name)) await rm(join(out, name));
  }
  let total = 0;
  for (let i = 0; i < frameCount; i++) {
    const jpeg = await renderLoopFrame(i, frameCount);
    await writeFile(join(out, frameName(i)), jpeg);
    total += jpeg.length;
  }
  console.log(
    `wrote ${frameCount} frames to ${out} (${WIDTH}x${HEIGHT}, avg ${Math.round(total / frameCount / 1024)} kB)`,
  );
}

if (import.meta.main) await main();
