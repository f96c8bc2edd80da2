/**
 * Publishing: encode a frame's variants, store them, then tell the feed, newest frame first (a frame
 * superseded while it waits is dropped). Files are on disk before anything names them.
 */
import type { Logger } from 'pino';
import type { Metrics } from '../metrics.ts';
import { encodeVariants } from '../pipeline/encode.ts';
import type { AcceptedFrame } from '../pipeline/frame-intake.ts';
import type { FrameStore } from '../store/frame-store.ts';
import type { PublishedFrame } from '../store/state.ts';
import { describe, widestIn } from '../variant.ts';
import type { VideoChunk } from '../video/chunk.ts';
import { latestWins } from './latest-wins.ts';

export interface PublisherOptions {
  widths: readonly number[];
  frames: FrameStore;
  /** Make the frame the newest live one; resolves once the pointer shows it. */
  onPublished: (frame: PublishedFrame, tookMs: number) => Promise<void>;
  /** Every variant name still in use, for garbage collection. */
  referencedNames: () => ReadonlySet<string>;
  /** The frame's chunk in the live video stream, encoded beside the stills (undefined: stills only). */
  encodeChunk?: (image: AcceptedFrame['image']) => Promise<VideoChunk | undefined>;
  metrics: Metrics;
  log: Logger;
}

export type Publisher = ReturnType<typeof createPublisher>;

export function createPublisher(options: PublisherOptions) {
  const { frames, metrics, log } = options;
  /** The newest published frame's pixels, by its widest JPEG's name: what recordings encode instead of
   * decoding that JPEG again (one generation of loss fewer). The same pixels the public got. */
  let newest: { name: string; image: AcceptedFrame['image'] } | undefined;

  async function publish(frame: AcceptedFrame): Promise<void> {
    try {
      const [encoded, chunk] = await Promise.all([
        encodeVariants(frame.image, options.widths),
        options.encodeChunk?.(frame.image),
      ]);
      for (const variant of encoded) await frames.put(variant.name, variant.data);
      const variants = encoded.map(describe);
      const jpeg = widestIn(variants, 'jpeg');
      if (jpeg && jpeg.width === frame.image.width) newest = { name: jpeg.name, image: frame.image };
      const tookMs = performance.now() - frame.receivedAt;
      const thumb = frame.thumb.toString('base64');
      await options.onPublished(
        { variants, thumb, publishedAt: Date.now(), ...(chunk ? { chunk } : {}) },
        tookMs,
      );
      metrics.published.inc();
      // Upload complete → pointer moved (saved and swapped), as visitors experience it.
      metrics.processing.observe((performance.now() - frame.receivedAt) / 1000);
      for (const v of variants)
        metrics.variantBytes.set({ format: v.format, width: String(v.width) }, v.bytes);
      await frames.retainOnly(options.referencedNames());
    } catch (error) {
      log.error({ err: error }, 'publishing a frame failed; the previous frame stays on air');
    }
  }

  const queue = latestWins<AcceptedFrame>(publish, () => metrics.dropped.inc());
  return {
    submit: (frame: AcceptedFrame): void => queue.submit(frame),
    /** Resolves when every submitted frame is published (or dropped for a newer one). */
    idle: (): Promise<void> => queue.idle(),
    /** The pixels of the frame whose widest JPEG is `name`, if it is the newest published one. */
    pixelsOf: (name: string) => (newest?.name === name ? newest.image : undefined),
  };
}
