/** How alike two images are, and which of many source frames an image shows: small grayscale thumbnails compared. */
import sharp from 'sharp';

/** Mean absolute grayscale difference (0–255) under which a published frame counts as its source. */
export const SAME_FRAME = 8;

const WIDTH = 160;
const HEIGHT = 120;

/** The 160x120 grayscale pixels every comparison here uses (precompute them for many comparisons). */
export const grayThumb = (image: Buffer): Promise<Buffer> =>
  sharp(image).greyscale().resize(WIDTH, HEIGHT, { fit: 'fill' }).raw().toBuffer();

/** Mean absolute difference of two thumbnails, 0–255. */
export function meanAbsDiff(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

/** Mean absolute pixel difference (0–255) between two images, both decoded to the same small grayscale size. */
export async function pixelDistance(a: Buffer, b: Buffer): Promise<number> {
  const [x, y] = await Promise.all([grayThumb(a), grayThumb(b)]);
  return meanAbsDiff(x, y);
}

/** Index of the closest of `thumbs` (from `grayThumb`) to `image`, and its distance. */
export async function closestSource(
  image: Buffer,
  thumbs: Buffer[],
): Promise<{ index: number; distance: number }> {
  const thumb = await grayThumb(image);
  let index = -1;
  let distance = Infinity;
  thumbs.forEach((t, i) => {
    const d = meanAbsDiff(thumb, t);
    if (d < distance) [index, distance] = [i, d];
  });
  return { index, distance };
}
