/**
 * A simulated visitor that always picks one variant (format and width): polls the pointer with its last
 * ETag, fetches the named variant when it changed (unless it already has those bytes, like a browser
 * cache), and keeps what it shows, so quality can be scored against what the camera saw.
 */

import type { Pointer, VariantFormat } from '@porthole/protocol';
import { grayPixels } from '../grayscale.ts';
import type { GrayImage } from '../ssim.ts';
import { wireClient } from '../wire-client.ts';

export interface VariantChoice {
  format: VariantFormat;
  width: number;
}

export interface Viewer {
  choice: VariantChoice;
  pointerBytes: number;
  imageBytes: number;
  polls: number;
  notModified: number;
  /** Polls once; resolves true when a new image was fetched. */
  poll(): Promise<boolean>;
  /** What is on screen now, as grayscale pixels, and its size. */
  shown(): GrayImage | undefined;
  close(): void;
}

export function createViewer(frameUrl: URL, choice: VariantChoice): Viewer {
  const client = wireClient();
  // Decoded images by URL: variants are immutable, so a browser never downloads one twice.
  const cache = new Map<string, GrayImage>();
  let etag: string | undefined;
  let shownName: string | undefined;
  let shown: GrayImage | undefined;
  const viewer: Viewer = {
    choice,
    pointerBytes: 0,
    imageBytes: 0,
    polls: 0,
    notModified: 0,
    async poll() {
      const res = await client.get(frameUrl, etag ? { 'If-None-Match': etag } : {});
      viewer.polls++;
      viewer.pointerBytes += res.wireBytes;
      if (res.status === 304) {
        viewer.notModified++;
        return false;
      }
      if (res.status !== 200) throw new Error(`GET /frame answered ${res.status}`);
      etag = String(res.headers.etag);
      const pointer = JSON.parse(res.body.toString()) as Pointer;
      const variant = pointer.variants.find((v) => v.format === choice.format && v.width === choice.width);
      if (!variant) throw new Error(`no ${choice.format} ${choice.width} variant in the pointer`);
      if (variant.url === shownName) return false;
      shownName = variant.url;
      let pixels = cache.get(variant.url);
      if (!pixels) {
        const image = await client.get(new URL(variant.url, frameUrl));
        if (image.status !== 200) throw new Error(`GET ${variant.url} answered ${image.status}`);
        viewer.imageBytes += image.wireBytes;
        pixels = await grayPixels(image.body);
        cache.set(variant.url, pixels);
      }
      shown = pixels;
      return true;
    },
    shown: () => shown,
    close: () => client.close(),
  };
  return viewer;
}

export const CHOICES: readonly VariantChoice[] = (['avif', 'webp', 'jpeg'] as const).flatMap((format) =>
  [320, 640].map((width) => ({ format, width })),
);
