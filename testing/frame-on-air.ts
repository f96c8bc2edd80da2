/** What the public sees: the pointer and every variant it names, each checked to be complete. */
import { type FeedMode, PATHS, type Pointer, type PublicVariant } from '@porthole/protocol';
import sharp from 'sharp';

export interface VariantOnAir extends PublicVariant {
  data: Buffer;
}

export interface FrameOnAir {
  seq: number;
  mode: FeedMode;
  variants: VariantOnAir[];
  /** The variants' names, joined: equal keys mean the same frame. */
  key: string;
}

/**
 * Fetch the pointer and all its variants. Throws unless every variant is served whole (the size the
 * pointer announced) and decodes fully to the announced dimensions: a broken frame never passes.
 */
export async function fetchFrameOnAir(base: string): Promise<FrameOnAir> {
  const frameUrl = new URL(`.${PATHS.pointer}`, base);
  const res = await fetch(frameUrl);
  if (res.status !== 200) throw new Error(`GET ${PATHS.pointer} answered ${res.status}`);
  const pointer = (await res.json()) as Pointer;
  const variants = await Promise.all(
    pointer.variants.map(async (v) => {
      const image = await fetch(new URL(v.url, frameUrl));
      if (image.status !== 200) throw new Error(`GET ${v.url} answered ${image.status}`);
      const data = Buffer.from(await image.arrayBuffer());
      if (data.length !== v.bytes) throw new Error(`${v.url}: ${data.length} bytes, pointer says ${v.bytes}`);
      const { info } = await sharp(data, { failOn: 'warning' }).raw().toBuffer({ resolveWithObject: true });
      if (info.width !== v.width || info.height !== v.height) {
        throw new Error(
          `${v.url}: decodes to ${info.width}x${info.height}, pointer says ${v.width}x${v.height}`,
        );
      }
      return { ...v, data };
    }),
  );
  return { seq: pointer.seq, mode: pointer.mode, variants, key: variants.map((v) => v.url).join(' ') };
}

/** The widest JPEG variant (every browser decodes it; the suite compares pixels on it). */
export function widestJpeg(frame: FrameOnAir): VariantOnAir {
  const jpegs = frame.variants.filter((v) => v.format === 'jpeg').sort((a, b) => b.width - a.width);
  if (!jpegs[0]) throw new Error('the pointer names no JPEG variant');
  return jpegs[0];
}
