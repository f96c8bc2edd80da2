import type { Variant } from './pointer.ts';
import { pickVariant } from './variant.ts';

/** Loads an image off-screen and resolves once it is fully decoded, so it never shows half-loaded. */
export const loadFrame = async (src: string): Promise<HTMLImageElement> => {
  const img = new Image();
  img.alt = '';
  img.className = 'porthole-frame';
  img.src = src;
  await img.decode();
  return img;
};

/**
 * Which format this browser shows best, decided once per page: an off-screen `<picture>` offers
 * AVIF, then WebP, then JPEG, and the browser's own choice (`currentSrc`) is the answer. Cheaper
 * than probing with sample images, and it is exactly the browser's support.
 */
export const chooseFormat = async (variants: Variant[], width: number, base: string): Promise<string> => {
  const picture = document.createElement('picture');
  const url = (format: string) => new URL(pickVariant(variants, format, width)?.url ?? '', base).href;
  for (const format of ['avif', 'webp']) {
    const source = document.createElement('source');
    source.type = `image/${format}`;
    source.srcset = url(format);
    picture.append(source);
  }
  const img = new Image();
  picture.append(img);
  img.src = url('jpeg');
  await img.decode();
  return variants.find((v) => new URL(v.url, base).href === img.currentSrc)?.format ?? 'jpeg';
};
