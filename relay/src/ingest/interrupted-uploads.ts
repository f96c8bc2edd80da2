/**
 * Uploads a crash can leave in the tus folder that tus itself would never finish or clean up: complete
 * ones whose frame was never processed (a HEAD would tell the camera "done" and the frame would be lost),
 * and half-written pairs (data without info, info cut short, info without data) that the expiry sweep
 * never lists, so they would stay forever. Deleting them at start-up makes the camera send its frame again (404 → a new
 * upload); the change check keeps a frame that was in fact published from being published twice.
 */
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Returns the ids deleted. Call before the first request is served. */
export async function sweepInterruptedUploads(directory: string, isUploadId: (id: string) => boolean) {
  const ids = new Set<string>();
  for (const entry of await readdir(directory).catch(() => [] as string[])) {
    const id = entry.endsWith('.json') ? entry.slice(0, -'.json'.length) : entry;
    if (isUploadId(id)) ids.add(id);
  }
  const swept: string[] = [];
  for (const id of ids) {
    if (await resumable(directory, id)) continue;
    await rm(join(directory, id), { force: true });
    await rm(join(directory, `${id}.json`), { force: true });
    swept.push(id);
  }
  return swept;
}

/** True for an upload a camera can still finish: readable info, data present, bytes still missing. */
async function resumable(directory: string, id: string): Promise<boolean> {
  try {
    const info = JSON.parse(await readFile(join(directory, `${id}.json`), 'utf8')) as { size?: unknown };
    const { size } = await stat(join(directory, id));
    return typeof info.size !== 'number' || size < info.size;
  } catch {
    return false;
  }
}
