/**
 * Where every upload ends, whatever the protocol: validate and normalise at once (so the camera hears
 * about a bad frame), skip it if nothing changed, else hand it on to be published.
 */
import type { Logger } from 'pino';
import { RelayError } from '../errors.ts';
import type { Metrics } from '../metrics.ts';
import { frameIsUnchanged, thumbnailOf } from './change.ts';
import type { RawImage } from './masks.ts';
import { type NormaliseOptions, normaliseFrame } from './normalise.ts';

/** A frame ready to encode. */
export interface AcceptedFrame {
  image: RawImage;
  /** Change-check thumbnail. */
  thumb: Buffer;
  /** performance.now() when the upload completed. */
  receivedAt: number;
}

/** What the intake asks of the feed (declared here, so the pipeline needs nothing downstream). */
export interface IntakeFeed {
  /** The camera delivered a valid frame: it is live. */
  frameArrived(): void;
  /** Paused by the owner: frames are acknowledged and forgotten. */
  isPaused(): boolean;
  /** Inside a privacy window, the frame to publish instead. */
  privacySubstitute(live: RawImage): Promise<RawImage | undefined>;
  /** The thumbnail of what is on screen, for the first change check after a restart. */
  lastThumb(): Buffer | undefined;
}

export interface FrameIntakeOptions {
  normalise: NormaliseOptions;
  feed: IntakeFeed;
  publish: (frame: AcceptedFrame) => void;
  metrics: Metrics;
  log: Logger;
}

export type FrameIntake = ReturnType<typeof createFrameIntake>;

export function createFrameIntake(options: FrameIntakeOptions) {
  const { feed, metrics, log } = options;
  // What the encoder will publish next (or has published): the baseline of the change check.
  let baseline = feed.lastThumb();

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
      if (feed.isPaused()) return;
      const publishable = (await feed.privacySubstitute(image)) ?? image;
      const thumb = await thumbnailOf(publishable);
      if (frameIsUnchanged(baseline, thumb)) {
        metrics.unchanged.inc();
        return;
      }
      baseline = thumb;
      options.publish({ image: publishable, thumb, receivedAt });
    },
  };
}
