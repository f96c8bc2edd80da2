/** Decode any image to 8-bit grayscale pixels, optionally at a given size (for SSIM). */
import sharp from 'sharp';
import type { GrayImage } from './ssim.ts';

export async function grayPixels(
  image: Buffer,
  size?: { width: number; height: number },
): Promise<GrayImage> {
  let pipeline = sharp(image).greyscale();
  if (size) pipeline = pipeline.resize(size.width, size.height, { fit: 'fill' });
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`expected one channel, got ${info.channels}`);
  return { data, width: info.width, height: info.height };
}
