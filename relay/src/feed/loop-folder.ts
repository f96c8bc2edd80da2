/**
 * Which folder the loop comes from: the configured one (`--loop-dir`, by default `./loop`) when it
 * holds frames, else the default loop that ships inside the package, so an installed relay has
 * something to play before its owner records a loop of their own.
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { LOOP_FILE } from './loop.ts';

/** The repository's loop, copied into the package by `npm run build` (relay/loop, beside src/ and dist/). */
export const PACKAGED_LOOP = fileURLToPath(new URL('../../loop/', import.meta.url));

/** The part of the relay's logger this needs. */
export interface LoopFolderLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/** The folder to load; says in the log when it is the packaged loop, or when there is no loop at all. */
export async function chooseLoopFolder(
  configured: string,
  log: LoopFolderLog,
  packaged: string = PACKAGED_LOOP,
): Promise<string> {
  if (await holdsFrames(configured)) return configured;
  if (await holdsFrames(packaged)) {
    log.info(
      { loopDir: configured, dir: packaged },
      'no frames in the loop folder: playing the default loop',
    );
    return packaged;
  }
  log.warn(
    { loopDir: configured },
    'no loop frames: while the camera is offline or paused the feed keeps its last frame; set --loop-dir',
  );
  return configured;
}

async function holdsFrames(dir: string): Promise<boolean> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.some((name) => LOOP_FILE.test(name));
}
