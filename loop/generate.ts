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
import { addGrain } from '@porthole/camera';
import sharp from 'sharp';
import { deskScene, HEIGHT, WIDTH } from './scene.ts';

const JPEG_QUALITY = 80;
const GRAIN_STRENGTH = 5;

/** One frame of the loop as a grayscale JPEG. */
export async function renderLoopFrame(index: number, frameCount: number): Promise<Buffer> {
  const svg = Buffer.from(deskScene(index / frameCount));
  const gray = await sharp(svg).grayscale().extractChannel(0).raw().toBuffer();
  // Faint sensor-like grain, so the loop does not look drawn (and is not suspiciously clean).
  const grainy = addGrain(gray, index + 1, GRAIN_STRENGTH);
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
