import { VARIANT_FILE, VARIANT_FORMATS, type VariantFormat } from '@porthole/protocol';
import type { TestPage } from '@porthole/testing';
import sharp from 'sharp';

/** A tiny image of each variant format, as a data URL (made here, so no binary lives in the repo). */
export async function sampleImages(): Promise<Record<VariantFormat, string>> {
  const pixels = sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } });
  const entries = await Promise.all(
    VARIANT_FORMATS.map(async (format) => {
      const body = await pixels.clone().toFormat(format).toBuffer();
      return [format, `data:${VARIANT_FILE[format].contentType};base64,${body.toString('base64')}`] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<VariantFormat, string>;
}

/** Whether the page's engine decodes the image at `src` (an `<img>` that loads with a size). */
export const decodes = (page: TestPage, src: string): Promise<boolean> =>
  page.evaluate(
    (url) =>
      new Promise<boolean>((done) => {
        const image = new Image();
        image.onload = () => done(image.naturalWidth > 0);
        image.onerror = () => done(false);
        image.src = url;
      }),
    src,
  );

/** The most compact variant format the engine decodes: what the island should choose there. */
export async function bestFormat(page: TestPage): Promise<VariantFormat> {
  const samples = await sampleImages();
  for (const format of VARIANT_FORMATS) if (await decodes(page, samples[format])) return format;
  throw new Error(`${page.engine} decodes none of ${VARIANT_FORMATS.join(', ')}`);
}
