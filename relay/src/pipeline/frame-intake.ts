/**
 * Where every upload ends, whatever the protocol: validate and decode at once (so the camera hears about
 * a bad frame), learn the still scene, pick the live frame or (inside a privacy window) its stand-in,
 * skip it if nothing changed, else hand it on to be published.
 *
 * Inside a privacy window or not, every upload does the same work in the same order, so no timing, CPU
 * or memory figure a watcher can see tells a window from live.
 */
import type { Logger } from 'pino';
import { RelayError } from '../errors.ts';
import type { Metrics } from '../metrics.ts';
import { frameIsUnchanged, thumbnailOf } from './change.ts';
import type { RawImage } from './masks.ts';
import { decodeFrame, fitToWidth, type NormaliseOptions } from './normalise.ts';
import type { privacyWindows } from './privacy-window.ts';
import { createStillScene } from './still-scene.ts';

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
  /** The thumbnail of what is on screen, for the first change check after a restart. */
  lastThumb(): Buffer | undefined;
}

export interface FrameIntakeOptions {
  normalise: NormaliseOptions;
  feed: IntakeFeed;
  privacy: ReturnType<typeof privacyWindows>;
  publish: (frame: AcceptedFrame) => void;
  metrics: Metrics;
  log: Logger;
  random?: () => number;
}

export type FrameIntake = ReturnType<typeof createFrameIntake>;

export function createFrameIntake(options: FrameIntakeOptions) {
  const { feed, privacy, metrics, log } = options;
  const scene = createStillScene(options.random);
  // What the encoder will publish next (or has published): the baseline of the change check.
  let baseline = feed.lastThumb();
  let holding = false;

  return {
    /**
     * Accept an uploaded frame. Resolves once it is validated (publishing continues in the background);
     * rejects with a RelayError for a frame that must not be published.
     */
    async accept(bytes: Buffer, via: 'tus' | 'multipart'): Promise<void> {
      const receivedAt = performance.now();
      let decoded: RawImage;
      try {
        decoded = await decodeFrame(bytes, options.normalise);
      } catch (error) {
        const code = error instanceof RelayError ? error.code : 'CORRUPT_FRAME';
        metrics.rejections.inc({ reason: code });
        log.warn({ via, bytes: bytes.length, reason: code }, 'frame rejected');
        throw error;
      }
      metrics.uploads.inc({ via });
      feed.frameArrived();
      if (feed.isPaused()) return;
      const seen = scene.observe(decoded, holding);
      const [live, standIn] = await Promise.all([
        fitToWidth(decoded, options.normalise),
        fitToWidth(seen.standIn, options.normalise),
      ]);
      const [liveThumb, standInThumb] = await Promise.all([thumbnailOf(live), thumbnailOf(standIn)]);
      holding = privacy.holds(Date.now(), seen.stillFor > 0, frameIsUnchanged(standInThumb, liveThumb));
      const [image, thumb] = holding ? [standIn, standInThumb] : [live, liveThumb];
      if (frameIsUnchanged(baseline, thumb)) {
        metrics.unchanged.inc();
        return;
      }
      baseline = thumb;
      options.publish({ image, thumb, receivedAt });
    },
  };
}
