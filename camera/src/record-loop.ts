import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { formatDuration } from './format-duration.ts';

/** Consecutive failed fetches after which recording gives up. */
const MAX_CONSECUTIVE_FAILURES = 3;

export interface RecordLoopRun {
  relay: string;
  frames: number;
  intervalMs: number;
  out: string;
  say(line: string): void;
  signal?: AbortSignal;
}

export interface RecordLoopResult {
  files: string[];
  /** Frames identical to the one before: the camera uploads more slowly than the interval. */
  repeats: number;
}

export function loopFrameName(index: number): string {
  return `frame-${String(index).padStart(3, '0')}.jpg`;
}

async function refuseToOverwrite(out: string): Promise<void> {
  await mkdir(out, { recursive: true });
  const existing = (await readdir(out)).filter((name) => /^frame-\d+\.jpg$/.test(name));
  if (existing.length > 0) {
    throw new Error(
      `${out} already holds a loop (${existing.length} frames); choose another --out or empty it`,
    );
  }
}

async function fetchLatestJpeg(latestUrl: string, signal?: AbortSignal): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetch(latestUrl, { headers: { Accept: 'image/jpeg' }, signal });
  } catch (error) {
    const cause = (error as { cause?: NodeJS.ErrnoException }).cause;
    throw new Error(`cannot reach the relay (${cause?.code ?? cause?.message ?? String(error)})`);
  }
  if (!response.ok) throw new Error(`relay answered ${response.status} for GET /latest`);
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('image/jpeg'))
    throw new Error(`expected a JPEG from GET /latest but received ${type}`);
  return Buffer.from(await response.arrayBuffer());
}

/** Saves `frames` JPEGs from the relay's GET /latest, one per interval, as frame-000.jpg … */
export async function recordLoop(run: RecordLoopRun): Promise<RecordLoopResult> {
  await refuseToOverwrite(run.out);
  const latestUrl = new URL('latest', run.relay).href;
  const files: string[] = [];
  let previous: Buffer | undefined;
  let repeats = 0;
  let failures = 0;
  run.say(
    `recording ${run.frames} frames from ${latestUrl} every ${formatDuration(run.intervalMs)} into ${run.out}`,
  );
  while (files.length < run.frames) {
    const started = performance.now();
    try {
      const jpeg = await fetchLatestJpeg(latestUrl, run.signal);
      if (previous?.equals(jpeg)) repeats++;
      previous = jpeg;
      const file = join(run.out, loopFrameName(files.length));
      await writeFile(file, jpeg);
      files.push(file);
      failures = 0;
      run.say(`${files.length}/${run.frames} ${file} ${(jpeg.length / 1024).toFixed(1)} kB`);
    } catch (error) {
      if (run.signal?.aborted) throw new Error('recording stopped');
      failures++;
      const reason = error instanceof Error ? error.message : String(error);
      if (failures >= MAX_CONSECUTIVE_FAILURES) throw new Error(`giving up: ${reason}`);
      run.say(`could not fetch a frame (${reason}); trying again`);
    }
    if (files.length >= run.frames) break;
    await sleep(Math.max(0, run.intervalMs - (performance.now() - started)), undefined, {
      signal: run.signal,
    });
  }
  return { files, repeats };
}
