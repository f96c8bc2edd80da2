/** What tus left in a relay's uploads folder: unfinished uploads (waiting to resume or expire) and complete ones. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface UploadLeftovers {
  /** Uploads with fewer bytes on disk than announced: a camera may still resume them. */
  unfinished: string[];
  /** Uploads with every byte on disk: these should have been processed and deleted. */
  complete: string[];
  /** Uploads whose info file is unreadable (a crash mid-write): tus can neither resume nor expire them. */
  orphans: string[];
  /** Bytes used by the folder. */
  bytes: number;
}

export async function uploadLeftovers(dataDir: string): Promise<UploadLeftovers> {
  const dir = join(dataDir, 'uploads');
  const result: UploadLeftovers = { unfinished: [], complete: [], orphans: [], bytes: 0 };
  for (const entry of await readdir(dir).catch(() => [] as string[])) {
    result.bytes += (await stat(join(dir, entry)).catch(() => ({ size: 0 }))).size;
    if (!entry.endsWith('.json')) continue;
    const id = entry.slice(0, -'.json'.length);
    let info: { size?: number };
    try {
      info = JSON.parse(await readFile(join(dir, entry), 'utf8')) as { size?: number };
    } catch {
      result.orphans.push(id);
      continue;
    }
    const onDisk = (await stat(join(dir, id)).catch(() => ({ size: -1 }))).size;
    (info.size !== undefined && onDisk === info.size ? result.complete : result.unfinished).push(id);
  }
  return result;
}
