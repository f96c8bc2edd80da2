/** Which of many source frames an image shows: compare small grayscale thumbnails (cheap once precomputed). */
import sharp from 'sharp';

const WIDTH = 160;
const HEIGHT = 120;

/** The 160x120 grayscale pixels the comparison uses (the same size as relay/test/helpers' pixelDistance). */
export const grayThumb = (image: Buffer): Promise<Buffer> =>
  sharp(image).greyscale().resize(WIDTH, HEIGHT, { fit: 'fill' }).raw().toBuffer();

/** Mean absolute difference, 0–255. */
export function meanAbsDiff(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

/** Index of the closest of `thumbs` to `image`, and its distance. */
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
