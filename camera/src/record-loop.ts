/**
 * Records a loop for `porthole-relay --loop-dir` from the camera's own raw frames: the same frame
 * source the upload command uses, one frame per interval. Never from the relay: what the relay
 * made public is already compressed and masked, may be a privacy stand-in, and in a still room
 * `GET /latest` does not change at all.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import sharp from 'sharp';
import { formatDuration } from './format-duration.ts';
import type { Frame, FrameSource } from './sources/frame-source.ts';

/** Consecutive frames the source failed to give after which recording gives up. */
const MAX_CONSECUTIVE_FAILURES = 3;

/** Quality of the JPEG a PNG or WebP frame becomes; a JPEG frame is kept byte for byte. */
export const LOOP_JPEG_QUALITY = 90;

export interface RecordLoopRun {
  /** Where the frames come from; closed when recording ends. */
  source: FrameSource;
  frames: number;
  intervalMs: number;
  out: string;
  say(line: string): void;
  signal?: AbortSignal;
}

export interface RecordLoopResult {
  files: string[];
  /**
   * Frames byte-identical to the one before, for information only: a real camera's frames differ
   * by sensor noise, while the synthetic scene's still period or a folder with few images repeats.
   */
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

/** JPEG files start with an SOI marker followed by another marker. */
function isJpeg(bytes: Buffer): boolean {
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** The frame as a JPEG: a JPEG as it came (no second compression), anything else through sharp. */
async function asJpeg(frame: Frame): Promise<{ jpeg: Buffer; converted: boolean }> {
  if (isJpeg(frame.bytes)) return { jpeg: frame.bytes, converted: false };
  try {
    const jpeg = await sharp(frame.bytes).jpeg({ quality: LOOP_JPEG_QUALITY }).toBuffer();
    return { jpeg, converted: true };
  } catch (error) {
    throw new Error(`cannot read ${frame.name} as an image (${(error as Error).message})`);
  }
}

function stopped(files: string[], frames: number, out: string): Error {
  return new Error(`recording stopped after ${files.length} of ${frames} frames (kept in ${out})`);
}

/** Saves `frames` frames from the source, one per interval, as frame-000.jpg, frame-001.jpg … */
export async function recordLoop(run: RecordLoopRun): Promise<RecordLoopResult> {
  const { source, signal } = run;
  const files: string[] = [];
  let previous: Buffer | undefined;
  let repeats = 0;
  let failures = 0;
  try {
    await refuseToOverwrite(run.out);
    run.say(
      `recording ${run.frames} frames from ${source.describe()} every ${formatDuration(run.intervalMs)} into ${run.out}`,
    );
    while (files.length < run.frames) {
      if (signal?.aborted) throw stopped(files, run.frames, run.out);
      const started = performance.now();
      try {
        const frame = await source.next();
        const { jpeg, converted } = await asJpeg(frame);
        if (previous?.equals(jpeg)) repeats++;
        previous = jpeg;
        const file = join(run.out, loopFrameName(files.length));
        await writeFile(file, jpeg);
        files.push(file);
        failures = 0;
        const from = converted ? `from ${frame.name}, as JPEG` : `from ${frame.name}`;
        run.say(`${files.length}/${run.frames} ${file} ${(jpeg.length / 1024).toFixed(1)} kB ${from}`);
      } catch (error) {
        if (signal?.aborted) throw stopped(files, run.frames, run.out);
        failures++;
        const reason = error instanceof Error ? error.message : String(error);
        if (failures >= MAX_CONSECUTIVE_FAILURES) throw new Error(`giving up: ${reason}`);
        run.say(`could not get a frame from the source (${reason}); trying again`);
      }
      if (files.length >= run.frames) break;
      try {
        await sleep(Math.max(0, run.intervalMs - (performance.now() - started)), undefined, { signal });
      } catch {
        throw stopped(files, run.frames, run.out);
      }
    }
  } finally {
    await source.close();
  }
  return { files, repeats };
}
