/** Turn an accepted upload into clean raw pixels: upright, metadata gone, grayscale, masked, sized. */
import sharp, { type OutputInfo, type Sharp } from 'sharp';
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
 * The camera's own pixels are kept up to twice the widest variant: enough for the sensor's noise to look
 * like itself once resized (see still-scene.ts), without paying for a 1600-px frame pixel by pixel.
 */
const WORKING_SCALE = 2;

/**
 * Decode fully (a truncated or corrupt image fails here, before anything is published), apply the EXIF
 * orientation, and return raw 8-bit pixels at working size, masked. Raw pixels carry no metadata, so
 * nothing (GPS, serial numbers, timestamps) can leak into a variant encoded from them.
 */
export async function decodeFrame(bytes: Buffer, options: NormaliseOptions): Promise<RawImage> {
  await checkFrameHeader(bytes, options);
  const pipeline = sharp(bytes, { limitInputPixels: options.maxPixels, failOn: 'warning', pages: 1 })
    .rotate()
    .flatten({ background: '#000000' })
    .resize({ width: options.maxWidth * WORKING_SCALE, withoutEnlargement: true });
  let result: { data: Buffer; info: OutputInfo };
  try {
    result = await colour(pipeline, options).raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw relayError('CORRUPT_FRAME', (error as Error).message.split('\n')[0]);
  }
  const { width, height, channels } = result.info;
  const image = { data: result.data, width, height, channels };
  applyMasks(image, options.masks);
  return image;
}

/** A decoded frame at the size it is published from: no wider than the widest variant, masks re-applied. */
export async function fitToWidth(image: RawImage, options: NormaliseOptions): Promise<RawImage> {
  if (image.width <= options.maxWidth) return image;
  const { data, info } = await sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: image.channels as 1 | 3 },
  })
    .resize({ width: options.maxWidth })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const fitted = { data, width: info.width, height: info.height, channels: info.channels };
  // Resizing blends a mask's edge with what it hides: paint it again at the published size.
  applyMasks(fitted, options.masks);
  return fitted;
}

/** decodeFrame, then fitToWidth. */
export async function normaliseFrame(bytes: Buffer, options: NormaliseOptions): Promise<RawImage> {
  return fitToWidth(await decodeFrame(bytes, options), options);
}

const colour = (pipeline: Sharp, options: NormaliseOptions) =>
  options.grayscale ? pipeline.toColourspace('b-w') : pipeline.toColourspace('srgb');
