/**
 * The loop the relay plays: either the owner's own, recorded the way loop/README.md tells them (a calm
 * moment of the same room, 24 frames 2 s apart, saved from the relay's public JPEG, so compressed twice),
 * or the repository's default loop (another room altogether).
 */
import { fileURLToPath } from 'node:url';
import { writeFrameFolder } from '@porthole/testing';
import sharp from 'sharp';
import { createFootage } from './footage.ts';

export type LoopKind = 'recorded' | 'default';
export const LOOP_KINDS: readonly LoopKind[] = ['recorded', 'default'];

/** The repository's default loop folder. */
export const DEFAULT_LOOP_DIR = fileURLToPath(new URL('../../../../loop/', import.meta.url));

export interface RecordedLoopOptions {
  seed: number;
  frames?: number;
  spacingMs?: number;
  /** Width of the relay variant it is saved from. */
  width?: number;
}

/** A new temporary folder holding the owner's recorded loop; the caller deletes it. */
export async function recordLoop(options: RecordedLoopOptions): Promise<string> {
  const { frames = 24, spacingMs = 2_000, width = 320 } = options;
  // Same room and camera (same room drawing), another seed for the noise, another time of day for the light.
  const footage = await createFootage({
    seed: options.seed,
    intervalMs: spacingMs,
    lightOffsetMs: 150_000,
    calm: true,
  });
  const jpegs = [];
  for (let i = 0; i < frames; i++) {
    // As the relay published it: resized to the variant width, mozjpeg at the relay's quality.
    jpegs.push(
      await sharp(await footage.frame(i))
        .resize({ width })
        .jpeg({ quality: 55, mozjpeg: true })
        .toBuffer(),
    );
  }
  return writeFrameFolder(jpegs, 'porthole-watcher-loop-');
}
