/**
 * The pre-recorded loop: frames from the loop folder, normalised and encoded once at start-up (and cached
 * across restarts by content), played whenever the feed is not live. Only the variants stay in memory; the
 * pixels are decoded again from the file when a privacy window needs them.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeVariants } from '../pipeline/encode.ts';
import type { RawImage } from '../pipeline/masks.ts';
import { type NormaliseOptions, normaliseFrame } from '../pipeline/normalise.ts';
import { writeFileAtomic } from '../store/atomic-write.ts';
import type { FrameStore } from '../store/frame-store.ts';
import { describe, type Variant, widestIn } from '../variant.ts';

export interface LoopFrame {
  variants: Variant[];
  /** The frame's normalised pixels, decoded from its file on each call (a privacy window's few frames). */
  decode(): Promise<RawImage>;
}

const LOOP_FILE = /\.(jpe?g|png|webp)$/i;

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
      const path = join(options.dir, file);
      const bytes = await readFile(path);
      const key = createHash('sha256').update(bytes).update(settings).digest('hex');
      let variants = manifest[key];
      if (!variants || !(await allStored(options.frames, variants))) {
        const encoded = await encodeVariants(await normaliseFrame(bytes, options.normalise), options.widths);
        for (const variant of encoded) await options.frames.put(variant.name, variant.data);
        variants = encoded.map(describe);
      }
      next[key] = variants;
      const stored = variants;
      const decode = async () => {
        // The loop file, as it was encoded; if it has gone since, the widest stored JPEG of it.
        const source = await readFile(path).catch(() => widestJpeg(options.frames, stored));
        return normaliseFrame(source, options.normalise);
      };
      loop.push({ variants, decode });
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

async function widestJpeg(frames: FrameStore, variants: Variant[]): Promise<Buffer> {
  const widest = widestIn(variants, 'jpeg');
  const data = widest && (await frames.get(widest.name));
  if (!data) throw new Error('loop frame is gone from the loop folder and the store');
  return data;
}

async function readManifest(path: string): Promise<Record<string, Variant[]>> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Record<string, Variant[]>;
  } catch {
    return {};
  }
}
