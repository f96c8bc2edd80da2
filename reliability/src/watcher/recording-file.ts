/** A watched run on disk (JSON, variant bodies as base64): record once, analyse many times. */
import { readFile, writeFile } from 'node:fs/promises';
import type { WatchedRun } from './watch-relay.ts';

export async function saveRun(path: string, run: WatchedRun): Promise<void> {
  const variants = run.recording.variants.map((v) => ({ ...v, data: v.data.toString('base64') }));
  await writeFile(path, JSON.stringify({ ...run, recording: { ...run.recording, variants } }));
}

export async function loadRun(path: string): Promise<WatchedRun> {
  const run = JSON.parse(await readFile(path, 'utf8')) as WatchedRun;
  for (const v of run.recording.variants) v.data = Buffer.from(v.data as unknown as string, 'base64');
  return run;
}
