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

/** A loop frame is only its encoded variants: nothing keeps its pixels once they are encoded. */
export interface LoopFrame {
  variants: Variant[];
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
  const next: Record<string, Variant[]> = {};
  const loop: LoopFrame[] = [];
  for (const file of files) {
    try {
      const bytes = await readFile(join(options.dir, file));
      const key = createHash('sha256').update(bytes).update(settings).digest('hex');
      let variants = manifest[key];
      if (!variants || !(await allStored(options.frames, variants))) {
        const encoded = await encodeVariants(await normaliseFrame(bytes, options.normalise), options.widths);
        for (const variant of encoded) await options.frames.put(variant.name, variant.data);
        variants = encoded.map(describe);
      }
      next[key] = variants;
      loop.push({ variants });
    } catch (error) {
      options.onSkip(file, (error as Error).message);
    }
  }
  await writeFileAtomic(options.manifestPath, JSON.stringify(next));
  return loop;
}

async function allStored(frames: FrameStore, variants: Variant[]): Promise<boolean> {
  for (const variant of variants) if (!(await frames.get(variant.name))) return false;
  return true;
}

async function readManifest(path: string): Promise<Record<string, Variant[]>> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Record<string, Variant[]>;
  } catch {
    return {};
  }
}
