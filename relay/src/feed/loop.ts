/**
 * The pre-recorded loop: frames from the loop folder, normalised and encoded once at start-up (and cached
 * across restarts by content), played whenever the feed is not live.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeVariants } from '../pipeline/encode.ts';
import { type NormaliseOptions, normaliseFrame } from '../pipeline/normalise.ts';
import { writeFileAtomic } from '../store/atomic-write.ts';
import type { FrameStore } from '../store/frame-store.ts';
import { describe, type Variant } from '../variant.ts';
import { chunkName, type VideoChunk } from '../video/chunk.ts';
import type { StreamEncoder } from '../video/encoder.ts';

/** A loop frame is only its encoded variants: nothing keeps its pixels once they are encoded. */
export interface LoopFrame {
  variants: Variant[];
  /** Its chunk in the loop's own video stream (a key first, then deltas), when the relay encodes video. */
  chunk?: VideoChunk;
}

/** The files a loop folder may hold. */
export const LOOP_FILE = /\.(jpe?g|png|webp)$/i;

export interface LoadLoopOptions {
  dir: string;
  normalise: NormaliseOptions;
  widths: readonly number[];
  frames: FrameStore;
  /** Where the cache of already-encoded loop frames lives. */
  manifestPath: string;
  onSkip: (file: string, reason: string) => void;
  /** Opens the loop's own video stream when its chunks are not cached yet; none: stills only. */
  openEncoder?: () => Promise<StreamEncoder | undefined>;
}

interface CachedFrame {
  variants: Variant[];
  chunk?: VideoChunk;
}

/** Load the loop folder in file-name order. A bad file is skipped (and reported), never fatal. */
export async function loadLoop(options: LoadLoopOptions): Promise<LoopFrame[]> {
  let files: string[];
  try {
    files = (await readdir(options.dir)).filter((f) => LOOP_FILE.test(f)).sort();
  } catch {
    options.onSkip(options.dir, 'loop folder not found');
    return [];
  }
  const manifest = await readManifest(options.manifestPath);
  const settings = JSON.stringify([options.widths, options.normalise.grayscale, options.normalise.masks]);
  const keys: string[] = [];
  const bytesOf = new Map<string, Buffer>();
  const next: Record<string, CachedFrame> = {};
  for (const file of files) {
    try {
      const bytes = await readFile(join(options.dir, file));
      const key = createHash('sha256').update(bytes).update(settings).digest('hex');
      let cached = manifest[key];
      if (!cached || !(await allStored(options.frames, cached))) {
        const encoded = await encodeVariants(await normaliseFrame(bytes, options.normalise), options.widths);
        for (const variant of encoded) await options.frames.put(variant.name, variant.data);
        cached = { variants: encoded.map(describe) };
      }
      next[key] = cached;
      keys.push(key);
      bytesOf.set(key, bytes);
    } catch (error) {
      options.onSkip(file, (error as Error).message);
    }
  }
  // The loop's video is one stream, a key first: any frame added, removed or re-encoded means all again.
  const chunks = keys.map((key) => next[key]!.chunk);
  const chained = chunks.every(
    (c, i) => c && c.key === (i === 0) && (i === 0 || c.after === chunks[i - 1]!.name),
  );
  const encoder = options.openEncoder && !chained ? await options.openEncoder() : undefined;
  if (!options.openEncoder || (!chained && !encoder)) for (const key of keys) delete next[key]!.chunk;
  if (encoder) {
    try {
      let previous: VideoChunk | undefined;
      for (const key of keys) {
        const image = await normaliseFrame(bytesOf.get(key)!, options.normalise);
        const chunk = await encoder.encode(image, previous === undefined);
        const name = chunkName(chunk.data);
        await options.frames.put(name, chunk.data);
        const [width, height] = [image.width & ~1, image.height & ~1];
        previous = {
          name,
          bytes: chunk.data.length,
          key: chunk.key,
          width,
          height,
          ...(previous && { after: previous.name }),
        };
        next[key]!.chunk = previous;
      }
    } catch (error) {
      // Stills still play: a loop without video is a loop.
      for (const key of keys) delete next[key]!.chunk;
      options.onSkip('video', (error as Error).message);
    } finally {
      await encoder.close();
    }
  }
  await writeFileAtomic(options.manifestPath, JSON.stringify(next));
  return keys.map((key) => next[key]!);
}

async function allStored(frames: FrameStore, frame: CachedFrame): Promise<boolean> {
  for (const { name } of [...frame.variants, ...(frame.chunk ? [frame.chunk] : [])])
    if (!(await frames.get(name))) return false;
  return true;
}

async function readManifest(path: string): Promise<Record<string, CachedFrame>> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Record<string, CachedFrame>;
  } catch {
    return {};
  }
}
