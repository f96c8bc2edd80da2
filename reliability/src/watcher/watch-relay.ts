/**
 * One watched run: a relay in its own process with frequent privacy windows, the camera (a worker thread)
 * uploading the footage, the recorder writing down what public GETs answer, and (apart, for the scoring
 * only) when the windows really were.
 * The loop is the owner's own recording of the same room (or the repository's default, another room).
 */
import { readdir, rm } from 'node:fs/promises';
import { spawnRelay } from '@porthole/testing';
import { type Camera, startCamera } from './camera/camera.ts';
import { DEFAULT_LOOP_DIR, type LoopKind, recordLoop } from './footage/loop-recording.ts';
import { privacyWindowsOf } from './ground-truth.ts';
import { startRecorder } from './recorder.ts';
import type { CameraUpload, PrivacyWindow, Recording } from './recording.ts';

export interface WatchOptions {
  seed: number;
  /** The camera's interval, and the relay's `interval`. */
  intervalMs: number;
  /** The relay's `privacyWindows` setting. */
  privacyWindows: string;
  offlineAfterMs: number;
  /** The owner's recorded loop (same room) or the repository's default (another room). */
  loop: LoopKind;
  /** Frames in a recorded loop. */
  loopFrames: number;
  /** Watch at least this long after the camera starts… */
  minMs: number;
  /** …and until this many windows have closed… */
  minWindows: number;
  /** …but never longer than this. */
  maxMs: number;
  /** Camera outages (ms from its start), so the loop is seen playing verbatim mid-run too. */
  outages: { fromMs: number; toMs: number }[];
  /** Progress lines (the long run prints them). */
  onProgress?: (line: string) => void;
}

export interface WatchedRun {
  recording: Recording;
  windows: PrivacyWindow[];
  uploads: CameraUpload[];
  groundTruth: 'log' | 'none';
  cameraFailures: number;
  options: WatchOptions;
}

export async function watchRelay(options: WatchOptions): Promise<WatchedRun> {
  const loopDir =
    options.loop === 'default'
      ? DEFAULT_LOOP_DIR
      : await recordLoop({ seed: options.seed + 1, frames: options.loopFrames });
  // The real CLI in its own process, so its /metrics and /healthz timings are the relay's alone.
  const relay = await spawnRelay({
    loopDir,
    args: [
      ...['--interval', `${options.intervalMs}ms`, '--offline-after', `${options.offlineAfterMs}ms`],
      ...['--privacy-windows', options.privacyWindows, '--widths', '320', '--log-level', 'info'],
      // The visitor comes through the owner's proxy from elsewhere: whatever the relay keeps for loopback
      // (or for the owner) it must not hand to this address.
      ...['--trust-proxy', 'true'],
    ],
  });
  const truth = privacyWindowsOf(relay);
  const recorder = startRecorder({ base: relay.url, visitorAddress: VISITOR_ADDRESS });
  let camera: Camera | undefined;
  let recording: Recording | undefined;
  try {
    // Before the camera's first frame the relay plays the loop, marked offline: a visitor sees it verbatim.
    await sleep(loopPlaysFor(await framesIn(loopDir), options.intervalMs));
    camera = startCamera({
      base: relay.url,
      seed: options.seed,
      intervalMs: options.intervalMs,
      outages: options.outages,
    });
    const started = Date.now();
    let reported = 0;
    for (;;) {
      await sleep(1_000);
      const elapsed = Date.now() - started;
      const closed = truth.windows().filter((w) => w.end < Date.now()).length;
      if (options.onProgress && elapsed - reported >= 30_000) {
        reported = elapsed;
        options.onProgress(`${Math.round(elapsed / 1000)} s watched, ${closed} windows so far`);
      }
      if (elapsed >= options.maxMs) break;
      if (elapsed >= options.minMs && closed >= options.minWindows) break;
    }
    await camera.stop();
    await sleep(1_000);
    recording = await recorder.stop();
    return {
      recording,
      windows: truth.windows(recording.endedAt),
      uploads: camera.uploads,
      groundTruth: truth.source(),
      cameraFailures: camera.failures(),
      options,
    };
  } finally {
    // Whatever went wrong, nothing keeps running: camera, recorder, relay, loop folder.
    await camera?.stop();
    if (!recording) await recorder.stop();
    await relay.stop();
    if (loopDir !== DEFAULT_LOOP_DIR) await rm(loopDir, { recursive: true, force: true });
  }
}

const framesIn = async (dir: string) =>
  (await readdir(dir)).filter((f) => /\.(jpe?g|png|webp)$/i.test(f)).length;

/** A documentation address (TEST-NET-3): the hostile visitor's. */
export const VISITOR_ADDRESS = '203.0.113.7';

/** Once round the loop and a second more. */
const loopPlaysFor = (frames: number, intervalMs: number) => frames * intervalMs + 1_000;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
