/**
 * A simulated visitor on the video path: it joins with the pointer and `GET /video/0` (the group so far),
 * then keeps one `GET /video/<seq it shows>` held open, one request per new frame and no pointer polling.
 * Every run is decoded (libaom, as the browser's VideoDecoder would), so what it shows can be scored.
 * Bytes are read off the socket like the stills viewers'; the 204s a held request gets in a still scene
 * are counted by the camera's clock (see timedOutHolds), since the bench uploads faster than every 2 s.
 */

import { PATHS, type Run } from '@porthole/protocol';
import { decodeRun } from '@porthole/protocol/video';
import { type Av1Decoder, openAv1Decoder } from '@porthole/testing';
import type { GrayImage } from '../ssim.ts';
import { timedOutHolds } from '../video-maths.ts';
import { type WireResponse, wireClient } from '../wire-client.ts';

/** A run's own framing: 3 bytes of head (mode, waves), 9 per chunk (seq, key, length). */
export const RUN_HEAD_BYTES = 3;
export const RUN_CHUNK_HEAD_BYTES = 9;

export interface ReceivedChunk {
  seq: number;
  key: boolean;
  bytes: number;
  decodeMs: number;
}

export interface VideoViewer {
  /** The seq of the frame it shows (0 before it joined). */
  seq: number;
  /** The one `GET /frame` it makes, to join (status line, headers and body). */
  pointerBytes: number;
  /** Status lines and headers of every run response it counted. */
  headerBytes: number;
  /** The runs' own framing (mode, waves, per-chunk seq/key/length). */
  framingBytes: number;
  /** AV1 chunk bytes. */
  chunkBytes: number;
  runs: number;
  /** Holds that would have timed out (204) at the camera's pace, while it waited for a new frame. */
  timedOut: number;
  /** Holds that really timed out during the bench (not counted in bytes: timedOut stands for them). */
  wallClockTimeouts: number;
  chunks: ReceivedChunk[];
  /** Join: the pointer, then the run from the newest key; decodes it. */
  join(step: number): Promise<void>;
  /**
   * After upload `step`, take every run until it shows `pointerSeq`. Resolves to the number of runs taken
   * (0: the pointer did not move, and the held request stays open).
   */
  catchUp(pointerSeq: number, step: number): Promise<number>;
  /** When the held request's answer has fully arrived (performance.now()). */
  arrival(): Promise<number>;
  /** The measurement ends after `steps` camera intervals: count the holds the open wait has used up. */
  finish(steps: number): void;
  shown(): GrayImage | undefined;
  close(): Promise<void>;
}

export async function createVideoViewer(
  base: string,
  intervalMs: number,
  holdMs: number,
): Promise<VideoViewer> {
  const client = wireClient();
  const decoder: Av1Decoder = await openAv1Decoder();
  let held: Promise<WireResponse> | undefined;
  let arrived: Promise<number> = Promise.resolve(Number.NaN);
  // Held until there is a run: a 204 (nothing new within the hold) is asked again at once, as a client does.
  const untilRun = async (seq: number) => {
    for (;;) {
      const res = await client.get(videoUrl(seq));
      if (res.status !== 204) return res;
      viewer.wallClockTimeouts++;
    }
  };
  const hold = (seq: number) => {
    held = untilRun(seq);
    arrived = held.then(
      () => performance.now(),
      () => Number.NaN,
    );
  };
  let shown: GrayImage | undefined;
  // The camera interval (upload index) of the last answer: holds are timed from there.
  let answeredAt = 0;
  const videoUrl = (seq: number) => new URL(`${PATHS.video.slice(1)}${seq}`, base);

  async function take(res: WireResponse): Promise<Run> {
    if (res.status !== 200) throw new Error(`GET /video answered ${res.status}`);
    const run = decodeRun(res.body);
    viewer.runs++;
    viewer.headerBytes += res.wireBytes - res.body.length;
    viewer.framingBytes += RUN_HEAD_BYTES + RUN_CHUNK_HEAD_BYTES * run.chunks.length;
    for (const chunk of run.chunks) {
      viewer.chunkBytes += chunk.data.length;
      const started = performance.now();
      const picture = await decoder.decode(chunk.data, chunk.key);
      viewer.chunks.push({
        seq: chunk.seq,
        key: chunk.key,
        bytes: chunk.data.length,
        decodeMs: performance.now() - started,
      });
      shown = { data: picture.gray, width: picture.width, height: picture.height };
    }
    const last = run.chunks.at(-1);
    if (last) viewer.seq = last.seq;
    return run;
  }

  const viewer: VideoViewer = {
    seq: 0,
    pointerBytes: 0,
    headerBytes: 0,
    framingBytes: 0,
    chunkBytes: 0,
    runs: 0,
    timedOut: 0,
    wallClockTimeouts: 0,
    chunks: [],
    async join(step) {
      const pointer = await client.get(new URL('frame', base));
      if (pointer.status !== 200) throw new Error(`GET /frame answered ${pointer.status}`);
      viewer.pointerBytes += pointer.wireBytes;
      await take(await client.get(videoUrl(0)));
      answeredAt = step;
      hold(viewer.seq);
    },
    async catchUp(pointerSeq, step) {
      let taken = 0;
      while (viewer.seq < pointerSeq) {
        if (!held) throw new Error('the video viewer has not joined');
        await take(await held);
        viewer.timedOut += timedOutHolds((step - answeredAt) * intervalMs, holdMs);
        answeredAt = step;
        taken++;
        hold(viewer.seq);
      }
      return taken;
    },
    finish(steps) {
      viewer.timedOut += timedOutHolds((steps - answeredAt) * intervalMs, holdMs, true);
      answeredAt = steps;
    },
    arrival: () => arrived,
    shown: () => shown,
    async close() {
      client.close();
      // The held request fails once its socket goes: that is expected.
      held?.catch(() => {});
      await decoder.close();
    },
  };
  return viewer;
}

/** One `GET /video/<seq>` far in the future: the relay holds it, then answers 204. Its wire bytes. */
export async function timedOutHoldBytes(base: string): Promise<number> {
  const client = wireClient();
  try {
    const res = await client.get(new URL(`${PATHS.video.slice(1)}9999999999`, base));
    if (res.status !== 204) throw new Error(`a hold with nothing newer answered ${res.status}`);
    return res.wireBytes;
  } finally {
    client.close();
  }
}
