/** Folders of frames on disk: a relay's loop, a camera's or the firmware uploader's input. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeJpeg } from './make-jpeg.ts';

/** A new temporary folder holding `frames` as 000.jpg, 001.jpg, … (in that order). */
export async function writeFrameFolder(frames: Buffer[], prefix = 'porthole-frames-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await Promise.all(frames.map((f, i) => writeFile(join(dir, `${String(i).padStart(3, '0')}.jpg`), f)));
  return dir;
}

/** A small loop folder (distinct 320x240 frames, three by default) so relays in tests start fast. */
export async function makeLoopDir(frames = 3): Promise<string> {
  const jpegs = await Promise.all(
    Array.from({ length: frames }, (_, i) => makeJpeg(1000 + i, { width: 320, height: 240 })),
  );
  return writeFrameFolder(jpegs, 'porthole-loop-');
}
