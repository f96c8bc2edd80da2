/**
 * The pre-recorded loop: frames from the loop folder, normalised and encoded once at start-up (and cached
 * across restarts by content), played whenever the feed is not live.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { encodeVariants, type Variant } from '../pipeline/encode.ts';
import type { RawImage } from '../pipeline/masks.ts';
import { type NormaliseOptions, normaliseFrame } from '../pipeline/normalise.ts';
import { writeFileAtomic } from '../store/atomic-write.ts';
import type { FrameStore } from '../store/frame-store.ts';

export interface LoopFrame {
  image: RawImage;
  variants: Variant[];
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
      const bytes = await readFile(join(options.dir, file));
      const key = createHash('sha256').update(bytes).update(settings).digest('hex');
      const image = await normaliseFrame(bytes, options.normalise);
      let variants = manifest[key];
      if (!variants || !(await allStored(options.frames, variants))) {
        const encoded = await encodeVariants(image, options.widths);
        for (const variant of encoded) await options.frames.put(variant.name, variant.data);
        variants = encoded.map(({ data: _, ...variant }) => variant);
      }
      next[key] = variants;
      loop.push({ image, variants });
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

/**
 * A loop frame made to look like a fresh camera frame: the live frame's exact size and channels, and a
 * touch of sensor grain so that no two are byte-identical.
 */
export async function disguiseAsLive(
  frame: RawImage,
  like: RawImage,
  random: () => number = Math.random,
): Promise<RawImage> {
  const { data, info } = await sharp(frame.data, {
    raw: { width: frame.width, height: frame.height, channels: frame.channels as 1 | 3 },
  })
    .resize(like.width, like.height, { fit: 'cover' })
    .toColourspace(like.channels === 1 ? 'b-w' : 'srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  for (let i = 0; i < data.length; i++) {
    const noise = Math.round((random() + random() - 1) * 3);
    data[i] = Math.min(255, Math.max(0, data[i]! + noise));
  }
  return { data, width: info.width, height: info.height, channels: info.channels };
}
