/**
 * Where every upload ends, whatever the protocol: validate and normalise at once (so the camera hears
 * about a bad frame), skip it if nothing changed, else hand it to the encoder, latest wins.
 */
import type { Logger } from 'pino';
import { RelayError } from '../errors.ts';
import type { Feed } from '../feed/feed.ts';
import type { Metrics } from '../metrics.ts';
import { frameIsUnchanged, thumbnailOf } from '../pipeline/change.ts';
import { encodeVariants } from '../pipeline/encode.ts';
import { latestWins } from '../pipeline/latest-wins.ts';
import type { RawImage } from '../pipeline/masks.ts';
import { type NormaliseOptions, normaliseFrame } from '../pipeline/normalise.ts';
import type { FrameStore } from '../store/frame-store.ts';

export interface FrameIntakeOptions {
  normalise: NormaliseOptions;
  widths: readonly number[];
  feed: Feed;
  frames: FrameStore;
  metrics: Metrics;
  log: Logger;
}

interface PendingFrame {
  image: RawImage;
  thumb: Buffer;
  receivedAt: number;
}

export type FrameIntake = ReturnType<typeof createFrameIntake>;

export function createFrameIntake(options: FrameIntakeOptions) {
  const { feed, frames, metrics, log } = options;
  // What the encoder will publish next (or has published): the baseline of the change check.
  let baseline = feed.lastThumb();

  const encoder = latestWins<PendingFrame>(
    async (frame) => {
      try {
        const encoded = await encodeVariants(frame.image, options.widths);
        for (const variant of encoded) await frames.put(variant.name, variant.data);
        const variants = encoded.map(({ data: _, ...variant }) => variant);
        const tookMs = performance.now() - frame.receivedAt;
        feed.published({ variants, thumb: frame.thumb.toString('base64'), publishedAt: Date.now() }, tookMs);
        await feed.settled();
        metrics.published.inc();
        // Upload complete → pointer moved (saved and swapped), as visitors experience it.
        metrics.processing.observe((performance.now() - frame.receivedAt) / 1000);
        for (const v of variants)
          metrics.variantBytes.set({ format: v.format, width: String(v.width) }, v.bytes);
        await frames.retainOnly(feed.referencedNames());
      } catch (error) {
        log.error({ err: error }, 'publishing a frame failed; the previous frame stays on air');
      }
    },
    () => metrics.dropped.inc(),
  );

  return {
    /**
     * Accept an uploaded frame. Resolves once it is validated (publishing continues in the background);
     * rejects with a RelayError for a frame that must not be published.
     */
    async accept(bytes: Buffer, via: 'tus' | 'multipart'): Promise<void> {
      const receivedAt = performance.now();
      let image: RawImage;
      try {
        image = await normaliseFrame(bytes, options.normalise);
      } catch (error) {
        const code = error instanceof RelayError ? error.code : 'CORRUPT_FRAME';
        metrics.rejections.inc({ reason: code });
        log.warn({ via, bytes: bytes.length, reason: code }, 'frame rejected');
        throw error;
      }
      metrics.uploads.inc({ via });
      feed.frameArrived();
      // Paused by the owner: the frame is acknowledged and forgotten, never published.
      if (feed.mode() === 'paused') return;
      const publishable = (await feed.privacySubstitute(image)) ?? image;
      const thumb = await thumbnailOf(publishable);
      if (frameIsUnchanged(baseline, thumb)) {
        metrics.unchanged.inc();
        return;
      }
      baseline = thumb;
      encoder.submit({ image: publishable, thumb, receivedAt });
    },
    /** Resolves when every accepted frame is published (or dropped for a newer one). */
    idle: () => encoder.idle(),
  };
}
