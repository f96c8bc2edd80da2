/**
 * The video side of the feed: the live stream's encoder, and the tape of what went on air. Every pointer
 * move puts one chunk on the tape: the frame's own when it follows what is there, else a key of the same
 * picture (after a switch between camera and loop, or a restart). Keys also start each group.
 */
import { PATHS, type PointerVideo, VIDEO_CODEC } from '@porthole/protocol';
import type { Logger } from 'pino';
import sharp from 'sharp';
import type { FeedVideo } from '../feed/feed.ts';
import type { RawImage } from '../pipeline/masks.ts';
import type { FrameStore } from '../store/frame-store.ts';
import { type Variant, widestIn } from '../variant.ts';
import { chunkName, type VideoChunk } from './chunk.ts';
import type { StreamEncoder } from './encoder.ts';
import { createTape } from './tape.ts';

export interface LiveVideoOptions {
  /** None: the relay serves stills only. */
  encoder: StreamEncoder | undefined;
  frames: FrameStore;
  /** Frames per group: a key at least this often, so a newcomer never waits long or fetches much. */
  groupFrames: number;
  log: Logger;
}

interface LiveVideoExtras {
  available: boolean;
  tape: ReturnType<typeof createTape>;
  /** The next frame of the live stream (undefined without an encoder, or when encoding failed). */
  encodeLive(image: RawImage): Promise<VideoChunk | undefined>;
  close(): Promise<void>;
}

export type LiveVideo = ReturnType<typeof createLiveVideo>;

export function createLiveVideo(options: LiveVideoOptions): FeedVideo & LiveVideoExtras {
  const { encoder, frames, log } = options;
  const tape = createTape();
  let previous: VideoChunk | undefined;
  let sinceKey = 0;
  // One stream: encodes and tape records happen in the order they were asked for.
  let encoding: Promise<unknown> = Promise.resolve();
  let showing: Promise<unknown> = Promise.resolve();

  function encode(image: RawImage, key: boolean): Promise<VideoChunk | undefined> {
    if (!encoder) return Promise.resolve(undefined);
    const run = encoding.then(async () => {
      const chunk = await encoder.encode(image, key || sinceKey >= options.groupFrames);
      const name = chunkName(chunk.data);
      await frames.put(name, chunk.data);
      const encoded: VideoChunk = {
        name,
        bytes: chunk.data.length,
        key: chunk.key,
        width: image.width & ~1,
        height: image.height & ~1,
        ...(chunk.key ? {} : { after: previous?.name }),
      };
      sinceKey = chunk.key ? 1 : sinceKey + 1;
      previous = encoded;
      return encoded;
    });
    encoding = run.catch(() => {});
    return run.catch((error) => {
      log.error({ err: error }, 'encoding a video chunk failed; the stills carry on');
      return undefined;
    });
  }

  return {
    available: encoder !== undefined,
    tape,
    encodeLive: (image: RawImage) => encode(image, false),
    /**
     * Put what the pointer now shows on the tape. `picture` gives its pixels when a key of it is needed.
     * Resolves once it is recorded (or could not be).
     */
    show(seq, mode, chunk, picture) {
      const run = showing.then(async () => {
        if (!encoder) return;
        let onAir = chunk && tape.accepts(chunk) ? chunk : undefined;
        if (!onAir) {
          const image = await picture();
          onAir = image && (await encode(image, true));
        }
        const data = onAir && (await frames.get(onAir.name));
        if (onAir && data) tape.record({ seq, mode, chunk: onAir, data });
      });
      showing = run.catch((error) => log.error({ err: error }, 'a video chunk could not go on air'));
      return showing as Promise<void>;
    },
    pointerVideo(): PointerVideo | undefined {
      const newest = tape.newest()?.chunk;
      if (!newest) return undefined;
      const { name, bytes, key, width, height } = newest;
      return {
        codec: VIDEO_CODEC,
        width,
        height,
        chunk: { url: `${PATHS.variants.slice(1)}${name}`, bytes, key },
      };
    },
    pictureOf: (variants) => pictureOf(frames, variants),
    names: () => tape.names(),
    close: async () => encoder?.close(),
  };
}

/** The pixels of a still on air, from its widest JPEG (decoded fast, and any format would do for a key). */
async function pictureOf(frames: FrameStore, variants: Variant[]): Promise<RawImage | undefined> {
  const widest = widestIn(variants, 'jpeg');
  const bytes = widest && (await frames.get(widest.name));
  if (!bytes) return undefined;
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}
