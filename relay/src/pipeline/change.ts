/**
 * The change check: is a new frame meaningfully different from the published one, or just sensor noise?
 * Frames are compared as tiny thumbnails, where averaging has already cancelled most of the noise.
 */
import sharp from 'sharp';
import type { RawImage } from './masks.ts';

export const THUMB_WIDTH = 64;
export const THUMB_HEIGHT = 48;

/** A pixel counts as changed when it moves by more than this (0–255), after averaging into the thumbnail. */
const PIXEL_THRESHOLD = 10;
/** The frame counts as changed when more than this share of thumbnail pixels changed… */
const CHANGED_SHARE = 0.004;
/** …or when the whole picture brightened or darkened by more than this on average (a lamp, the sun). */
const MEAN_THRESHOLD = 2;

/** A 64x48 single-channel summary of the frame, the only thing the change check looks at. */
export async function thumbnailOf(image: RawImage): Promise<Buffer> {
  return sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: image.channels as 1 | 3 },
  })
    .resize(THUMB_WIDTH, THUMB_HEIGHT, { fit: 'fill', kernel: 'linear' })
    .toColourspace('b-w')
    .raw()
    .toBuffer();
}

/** True when `next` differs from `published` by no more than sensor noise. */
export function frameIsUnchanged(published: Buffer | undefined, next: Buffer): boolean {
  if (!published || published.length !== next.length) return false;
  let changed = 0;
  let sum = 0;
  for (let i = 0; i < next.length; i++) {
    const delta = next[i]! - published[i]!;
    sum += delta;
    if (delta > PIXEL_THRESHOLD || delta < -PIXEL_THRESHOLD) changed++;
  }
  return changed / next.length <= CHANGED_SHARE && Math.abs(sum / next.length) <= MEAN_THRESHOLD;
}
