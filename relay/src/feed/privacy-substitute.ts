/**
 * Inside a privacy window, the frame published instead of the camera's: the next loop frame dressed as the
 * live one (its exact size and channels, a touch of sensor grain), through the same path at the camera's pace.
 */
import sharp from 'sharp';
import type { RawImage } from '../pipeline/masks.ts';

export function createPrivacySubstitutes(
  loop: readonly { decode(): Promise<RawImage> }[],
  isOpen: (at: number) => boolean,
  random: () => number = Math.random,
) {
  let cursor = 0;
  return async (live: RawImage, at: number): Promise<RawImage | undefined> => {
    if (loop.length === 0 || !isOpen(at)) return undefined;
    const frame = loop[cursor++ % loop.length]!;
    return disguiseAsLive(await frame.decode(), live, random);
  };
}

/** A loop frame at the live frame's size and channels, with grain so that no two are byte-identical. */
export async function disguiseAsLive(
  frame: RawImage,
  like: RawImage,
  random: () => number = Math.random,
): Promise<RawImage> {
  const { data, info } = await sharp(frame.data, {
    raw: { width: frame.width, height: frame.height, channels: frame.channels as 1 | 3 },
  })
    .resize(like.width, like.height, { fit: 'cover' })
    .toColourspace(like.channels === 1 ? 'b-w' : 'srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  for (let i = 0; i < data.length; i++) {
    const noise = Math.round((random() + random() - 1) * 3);
    data[i] = Math.min(255, Math.max(0, data[i]! + noise));
  }
  return { data, width: info.width, height: info.height, channels: info.channels };
}
