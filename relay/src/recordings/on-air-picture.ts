/**
 * What visitors see right now, as pixels: the newest published frame's own pixels when it is on air, else
 * the widest JPEG the pointer names, decoded once per name (the loop). The recordings take their frames
 * from here, so they hold exactly what was public (loop, privacy windows and masks included) and nothing
 * else.
 */
import sharp from 'sharp';
import type { SerialisedPointer } from '../feed/pointer.ts';
import type { RawImage } from '../pipeline/masks.ts';
import type { FrameStore } from '../store/frame-store.ts';
import { widestIn } from '../variant.ts';

export interface OnAirPicture {
  /** The stored name of the JPEG it was decoded from. */
  name: string;
  image: RawImage;
}

export function onAirPictures(
  current: () => SerialisedPointer | undefined,
  frames: FrameStore,
  pixelsOf: (jpegName: string) => RawImage | undefined = () => undefined,
) {
  let last: OnAirPicture | undefined;
  return {
    /** The picture on air; the last one decoded if the store has lost the new one's file. */
    async now(): Promise<OnAirPicture | undefined> {
      const jpeg = widestIn(current()?.pointer.variants ?? [], 'jpeg');
      if (!jpeg || jpeg.name === last?.name) return last;
      const published = pixelsOf(jpeg.name);
      if (published) {
        last = { name: jpeg.name, image: published };
        return last;
      }
      const bytes = await frames.get(jpeg.name);
      if (!bytes) return last;
      const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      last = {
        name: jpeg.name,
        image: { data, width: info.width, height: info.height, channels: info.channels },
      };
      return last;
    },
    /** The JPEG bytes of a picture (for posters), while the store still has them. */
    jpegOf: (picture: OnAirPicture) => frames.get(picture.name),
  };
}

export type OnAirPictures = ReturnType<typeof onAirPictures>;
