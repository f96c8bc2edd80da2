/** Turn an accepted upload into clean raw pixels: upright, metadata gone, grayscale, masked, sized. */
import sharp, { type OutputInfo } from 'sharp';
import { relayError } from '../errors.ts';
import { applyMasks, type Mask, type RawImage } from './masks.ts';
import { checkFrameHeader, type FrameLimits } from './validate.ts';

export interface NormaliseOptions extends FrameLimits {
  grayscale: boolean;
  masks: readonly Mask[];
  /** The widest published variant; the frame is never kept larger than this. */
  maxWidth: number;
}

/**
 * Decode fully (a truncated or corrupt image fails here, before anything is published), apply the EXIF
 * orientation, and return raw 8-bit pixels. Raw pixels carry no metadata, so nothing (GPS, serial numbers,
 * timestamps) can leak into a variant encoded from them.
 */
export async function normaliseFrame(bytes: Buffer, options: NormaliseOptions): Promise<RawImage> {
  await checkFrameHeader(bytes, options);
  let pipeline = sharp(bytes, { limitInputPixels: options.maxPixels, failOn: 'warning', pages: 1 })
    .rotate()
    .flatten({ background: '#000000' })
    .resize({ width: options.maxWidth, withoutEnlargement: true });
  pipeline = options.grayscale ? pipeline.toColourspace('b-w') : pipeline.toColourspace('srgb');
  let result: { data: Buffer; info: OutputInfo };
  try {
    result = await pipeline.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw relayError('CORRUPT_FRAME', (error as Error).message.split('\n')[0]);
  }
  const image = {
    data: result.data,
    width: result.info.width,
    height: result.info.height,
    channels: result.info.channels,
  };
  applyMasks(image, options.masks);
  return image;
}
