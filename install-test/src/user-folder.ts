/** An empty folder outside the repository with the given tarballs installed by a plain `npm install`. */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './run.ts';
import { userEnv } from './user-env.ts';

export interface UserFolder {
  dir: string;
  /** A fresh bearer token in a file, as the docs tell owners to make one. */
  tokenFile: string;
  remove(): Promise<void>;
}

export async function installInUserFolder(tarballs: string[]): Promise<UserFolder> {
  const dir = await mkdtemp(join(tmpdir(), 'porthole-user-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    await writeFile(join(dir, 'package.json'), '{ "name": "my-relay", "private": true }\n');
    await run('npm', ['install', ...tarballs], {
      cwd: dir,
      env: userEnv(process.execPath),
      timeoutMs: 300_000,
    });
    const tokenFile = join(dir, 'token');
    await writeFile(tokenFile, `${randomBytes(24).toString('hex')}\n`, { mode: 0o600 });
    return { dir, tokenFile, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
