import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Frame, FrameSource } from './frame-source.ts';

const IMAGE_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
};

/** Image files in `dir`, in natural name order (frame-2 before frame-10). */
export async function listImages(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  return names
    .filter((name) => extname(name).toLowerCase() in IMAGE_TYPES)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** Plays the images of a folder in order and starts again at the end. */
export async function openDirSource(dir: string): Promise<FrameSource> {
  let names = await listImages(dir);
  if (names.length === 0) throw new Error(`no .jpg, .png or .webp images in ${dir}`);
  let index = 0;
  return {
    describe: () => `folder ${dir} (${names.length} images, looping)`,
    async next(): Promise<Frame> {
      if (index >= names.length) {
        // Re-read at each wrap so frames added while running are picked up.
        index = 0;
        const fresh = await listImages(dir);
        if (fresh.length > 0) names = fresh;
      }
      const name = names[index++] as string;
      const bytes = await readFile(join(dir, name));
      return { bytes, name, type: IMAGE_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream' };
    },
    async close() {},
  };
}
