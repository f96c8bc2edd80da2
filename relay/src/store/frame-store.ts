/**
 * Content-addressed variant files on disk, with the recently used ones held in memory. A name never changes
 * meaning, so a file is written once, atomically, and deleted only when nothing references it.
 */
import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { STORED_NAME } from '../variant.ts';
import { TEMP_PREFIX, writeFileAtomic } from './atomic-write.ts';

export interface FrameStore {
  /** Store a variant (no-op if that name is already stored). */
  put(name: string, data: Buffer): Promise<void>;
  /** The bytes of a stored variant, or undefined when there is none by that name. */
  get(name: string): Promise<Buffer | undefined>;
  /** The bytes of a variant when they are in memory (the read path's fast case); else undefined: ask `get`. */
  peek(name: string): Buffer | undefined;
  /** Delete every stored variant whose name is not in `keep`, from memory and disk. */
  retainOnly(keep: ReadonlySet<string>): Promise<void>;
}

/**
 * Bytes held in memory per generation. Readers ask for the frame on air and the one or two before it
 * (about 100 kB each at the default widths); the rest of the history and the loop stay on disk.
 */
const GENERATION_BYTES = 1024 * 1024;

export async function openFrameStore(dir: string, generationBytes = GENERATION_BYTES): Promise<FrameStore> {
  await mkdir(dir, { recursive: true });
  // Leftovers of writes interrupted by a crash: never complete, never referenced.
  for (const entry of await readdir(dir)) {
    if (entry.startsWith(TEMP_PREFIX)) await unlink(join(dir, entry)).catch(() => {});
  }
  const cache = twoGenerationCache(generationBytes);

  return {
    async put(name, data) {
      if (cache.get(name)) return;
      await writeFileAtomic(join(dir, name), data);
      cache.set(name, data);
    },
    async get(name) {
      const cached = cache.get(name);
      if (cached) return cached;
      if (!STORED_NAME.test(name)) return undefined;
      try {
        const data = await readFile(join(dir, name));
        cache.set(name, data);
        return data;
      } catch {
        return undefined;
      }
    },
    peek: (name) => cache.get(name),
    async retainOnly(keep) {
      cache.retainOnly(keep);
      for (const entry of await readdir(dir)) {
        if (STORED_NAME.test(entry) && !keep.has(entry)) await unlink(join(dir, entry)).catch(() => {});
      }
    },
  };
}

/**
 * A bounded cache that costs one Map lookup on a hit: entries land in the young generation; when it holds
 * `limit` bytes it becomes the old one (the previous old one is dropped), and an old entry read again moves
 * back to the young one. At most about twice `limit` bytes are held.
 */
function twoGenerationCache(limit: number) {
  let young = new Map<string, Buffer>();
  let old = new Map<string, Buffer>();
  let youngBytes = 0;

  function set(name: string, data: Buffer): void {
    if (youngBytes + data.length > limit && young.size > 0) {
      old = young;
      young = new Map();
      youngBytes = 0;
    }
    young.set(name, data);
    youngBytes += data.length;
  }

  return {
    get(name: string): Buffer | undefined {
      const hit = young.get(name);
      if (hit !== undefined) return hit;
      const aged = old.get(name);
      if (aged === undefined) return undefined;
      old.delete(name);
      set(name, aged);
      return aged;
    },
    set,
    retainOnly(keep: ReadonlySet<string>): void {
      for (const [name, data] of young)
        if (!keep.has(name)) {
          young.delete(name);
          youngBytes -= data.length;
        }
      for (const name of old.keys()) if (!keep.has(name)) old.delete(name);
    },
  };
}
