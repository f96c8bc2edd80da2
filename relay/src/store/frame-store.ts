/**
 * Content-addressed variant files on disk, with the ones in use held in memory. A name never changes
 * meaning, so a file is written once, atomically, and deleted only when nothing references it.
 */
import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { VARIANT_NAME } from '../variant.ts';
import { TEMP_PREFIX, writeFileAtomic } from './atomic-write.ts';

export interface FrameStore {
  /** Store a variant (no-op if that name is already stored). */
  put(name: string, data: Buffer): Promise<void>;
  /** The bytes of a stored variant, or undefined when there is none by that name. */
  get(name: string): Promise<Buffer | undefined>;
  /** Delete every stored variant whose name is not in `keep`, from memory and disk. */
  retainOnly(keep: ReadonlySet<string>): Promise<void>;
}

export async function openFrameStore(dir: string): Promise<FrameStore> {
  await mkdir(dir, { recursive: true });
  // Leftovers of writes interrupted by a crash: never complete, never referenced.
  for (const entry of await readdir(dir)) {
    if (entry.startsWith(TEMP_PREFIX)) await unlink(join(dir, entry)).catch(() => {});
  }
  const cache = new Map<string, Buffer>();

  return {
    async put(name, data) {
      if (cache.has(name)) return;
      await writeFileAtomic(join(dir, name), data);
      cache.set(name, data);
    },
    async get(name) {
      if (!VARIANT_NAME.test(name)) return undefined;
      const cached = cache.get(name);
      if (cached) return cached;
      try {
        const data = await readFile(join(dir, name));
        cache.set(name, data);
        return data;
      } catch {
        return undefined;
      }
    },
    async retainOnly(keep) {
      for (const name of cache.keys()) if (!keep.has(name)) cache.delete(name);
      for (const entry of await readdir(dir)) {
        if (VARIANT_NAME.test(entry) && !keep.has(entry)) await unlink(join(dir, entry)).catch(() => {});
      }
    },
  };
}
