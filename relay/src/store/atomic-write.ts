/** Write a file so that readers see either the old file or the complete new one, even across a crash. */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Prefix of in-progress files; they are never served and are swept at start-up. */
export const TEMP_PREFIX = '.tmp-';

export async function writeFileAtomic(path: string, data: Buffer | string): Promise<void> {
  const temp = join(dirname(path), `${TEMP_PREFIX}${randomBytes(6).toString('hex')}-${basename(path)}`);
  const file = await open(temp, 'wx');
  try {
    await file.writeFile(data);
    await file.sync();
  } catch (error) {
    await file.close();
    await unlink(temp).catch(() => {});
    throw error;
  }
  await file.close();
  await rename(temp, path);
  await syncDirectory(dirname(path));
}

/** fsync the directory so the rename itself survives a power cut. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
