/** First look at an upload: is it an image we accept, and within the limits? Reads headers only. */
import sharp, { type Metadata } from 'sharp';
import { relayError } from '../errors.ts';

export interface FrameLimits {
  maxPixels: number;
  maxDimension: number;
}

const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp']);

/**
 * Throws a RelayError unless `bytes` is a JPEG, PNG or WebP whose declared size is within the limits.
 * Only the header is parsed, so a decompression bomb is refused before a single pixel is decoded.
 */
export async function checkFrameHeader(bytes: Buffer, limits: FrameLimits): Promise<Metadata> {
  if (bytes.length === 0) throw relayError('EMPTY_FRAME');
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw relayError('UNSUPPORTED_FORMAT');
  }
  if (!metadata.format || !ACCEPTED_FORMATS.has(metadata.format)) {
    throw relayError('UNSUPPORTED_FORMAT', `got ${metadata.format ?? 'unknown'}`);
  }
  const { width = 0, height = 0 } = metadata;
  if (width === 0 || height === 0) throw relayError('CORRUPT_FRAME', 'no dimensions');
  if (width > limits.maxDimension || height > limits.maxDimension || width * height > limits.maxPixels) {
    throw relayError('DIMENSIONS_TOO_LARGE', `${width}x${height}`);
  }
  return metadata;
}
