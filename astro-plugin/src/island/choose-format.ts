import { type PublicVariant, VARIANT_FILE, VARIANT_FORMATS, type VariantFormat } from '@porthole/protocol';
import { pickVariant } from './variant.ts';

/**
 * Which format this browser shows best, decided once per page: an off-screen `<picture>` offers
 * AVIF, then WebP, then JPEG, and the browser's own choice (`currentSrc`) is the answer. Cheaper
 * than probing with sample images, and it is exactly the browser's support.
 */
export const chooseFormat = async (
  variants: PublicVariant[],
  width: number,
  base: string,
): Promise<VariantFormat> => {
  const picture = document.createElement('picture');
  const url = (format: VariantFormat) => new URL(pickVariant(variants, format, width)?.url ?? '', base).href;
  // Best compression first; JPEG, which every browser decodes, is the <img> itself.
  for (const format of VARIANT_FORMATS.filter((format) => format !== 'jpeg')) {
    const source = document.createElement('source');
    source.type = VARIANT_FILE[format].contentType;
    source.srcset = url(format);
    picture.append(source);
  }
  const probe = new Image();
  picture.append(probe);
  probe.src = url('jpeg');
  await probe.decode();
  const chosen = probe.currentSrc;
  // Firefox re-selects a detached <picture>'s image when it is collected, and fetched the JPEG
  // fallback then, long after and even while paused: leave it nothing to fetch.
  probe.removeAttribute('src');
  return variants.find((v) => new URL(v.url, base).href === chosen)?.format ?? 'jpeg';
};
