/**
 * Bench 1, bytes per viewer-minute at 30 frames/min. Camera frames go through a real relay one at a time;
 * after each, every simulated viewer polls once (what the pointer's `next` hint asks for at 2 s per frame).
 * Porthole's bytes are measured on the wire (pointer JSON, 304s and images, headers included); the baseline,
 * the camera JPEG every frame, is counted as its body alone, which flatters the baseline slightly.
 */

import type { Pointer } from '@porthole/protocol';
import { decodeRun } from '@porthole/protocol/video';
import { GROUP_FRAMES } from '@porthole/relay';
import { type Av1Decoder, openAv1Decoder, startTestRelay, TOKEN } from '@porthole/testing';
import sharp from 'sharp';
import { HOLD_MS } from '../../../relay/src/delivery/video-route.ts';
import { ENCODER_SETTINGS } from '../../../relay/src/video/encoder.ts';
import { grayPixels } from '../grayscale.ts';
import { LOOP_DIR } from '../repository-loop.ts';
import { type GrayImage, ssim } from '../ssim.ts';
import { mean } from '../stats.ts';
import { uploadFrame } from '../upload.ts';
import { type CrfMatch, type CrfPoint, expectedKeyWaitMs, matchBytes, matchSsim } from '../video-maths.ts';
import { wireClient } from '../wire-client.ts';
import { type SweepFrame, sweepCrf } from './video-sweep.ts';
import {
  createVideoViewer,
  RUN_CHUNK_HEAD_BYTES,
  RUN_HEAD_BYTES,
  timedOutHoldBytes,
} from './video-viewer.ts';
import { CHOICES, createViewer, type Viewer } from './viewer.ts';

export const FRAMES_PER_MINUTE = 30;
const INTERVAL_MS = 60_000 / FRAMES_PER_MINUTE;
/** The goals for the video path on the photographic sequence: this many bytes at this SSIM. */
export const GOAL_SSIM = 0.9;
export const GOAL_BYTES_PER_MINUTE = 80_000;

export interface BandwidthRow {
  what: string;
  bytesPerViewerMinute: number;
  /** This row's bytes over the baseline's (camera JPEG every frame), same sequence, same run. */
  vsBaseline: number;
  imageBytesPerMinute: number;
  pointerBytesPerMinute: number;
  /** Mean SSIM of newly published images against the uploaded frame, at the image's size. */
  ssimPublished: number | null;
  /** Mean SSIM of what the viewer has on screen after each upload (stale frames count), same reference. */
  ssimSeen: number | null;
}

/** The video path at one crf, matched to a target SSIM through the sweep. */
export interface VideoAtSsim extends CrfMatch {
  targetSsim: number;
  /** All-in: this crf's chunks plus the overhead measured at the relay's crf (headers, framing, pointer). */
  bytesPerViewerMinute: number;
  /** Over the AVIF 640 stills row, same sequence, same run. */
  vsAvif640: number;
}

export interface NewcomerResult {
  /** Join moments measured: right after an upload, every `every` uploads. */
  joins: number;
  every: number;
  /** GET /frame, then the AVIF 640 variant it names (as the island does today): means. */
  firstFrameBytes: number;
  firstFrameMs: number;
  /** (a) then `GET /video/0`, the group so far, decoded: means (and the largest run). */
  catchUpRunBytes: number;
  catchUpRunMaxBytes: number;
  catchUpChunks: number;
  catchUpFetchMs: number;
  /** libaom (WebAssembly) in Node, one thread: a browser's VideoDecoder is likely faster. */
  catchUpDecodeMs: number;
  /** (b) instead wait for the next key: one run of a key chunk (mean key size, with headers). */
  nextKeyRunBytes: number;
  /** Half a group at one published frame per camera interval... */
  nextKeyWaitMs: number;
  /** ...and with the change check skipping still frames at this sequence's rate (groups count chunks). */
  nextKeyWaitAtPublishedShareMs: number;
}

export interface VideoBandwidth {
  /** The relay's crf (ENCODER_SETTINGS) for the measured row. */
  crf: number;
  /** Per viewer-minute, all measured on the socket, except timeouts (204 size measured, count modelled). */
  chunkBytesPerMinute: number;
  framingBytesPerMinute: number;
  headerBytesPerMinute: number;
  pointerBytesPerMinute: number;
  timeoutBytesPerMinute: number;
  runs: number;
  chunks: number;
  keys: number;
  meanKeyBytes: number;
  meanDeltaBytes: number;
  timedOutHolds: number;
  timedOutHoldBytes: number;
  wallClockTimeouts: number;
  meanDecodeMs: number;
  /** The AVIF 640 stills row it is compared with. */
  avif640: { bytesPerViewerMinute: number; ssimPublished: number | null };
  /** Measured row (at the relay's crf) over AVIF 640. */
  vsAvif640: number;
  /** Everything but the chunks, per viewer-minute: what a different crf would not change. */
  overheadBytesPerMinute: number;
  /** Whether the goals were swept for (the photographic sequence). */
  goals: boolean;
  /** The crf sweep, totals over the published frames of this sequence (sweepFrames of them). */
  sweep: CrfPoint[];
  sweepFrames: number;
  /** At the AVIF 640 row's SSIM of new frames (null: the sweep did not reach it). */
  atAvifSsim: VideoAtSsim | null;
  /** At GOAL_SSIM (null: the sweep did not reach it, or goals were not asked for). */
  atGoalSsim: VideoAtSsim | null;
  /** The crf (and the SSIM it gives) at which the all-in bytes are GOAL_BYTES_PER_MINUTE. */
  atGoalBytes: { crf: number; ssim: number; bytesPerViewerMinute: number } | null;
  newcomer: NewcomerResult;
}

export interface BandwidthResult {
  sequence: string;
  frames: number;
  published: number;
  unchanged: number;
  cameraJpegMeanBytes: number;
  cameraSize: string;
  rows: BandwidthRow[];
  /** Absent in runs from before the video path. */
  video?: VideoBandwidth;
}

export interface BandwidthOptions {
  /** Crf values of the equal-SSIM sweep (more are added until the targets are bracketed). */
  crfSweep: readonly number[];
  /** A newcomer joins after every this many uploads. */
  newcomerEvery: number;
  /**
   * Whether the goals (GOAL_SSIM, GOAL_BYTES_PER_MINUTE, set for the photographic sequence) are
   * sweep targets here too; without, the sweep only brackets the AVIF 640 row's SSIM.
   */
  goals: boolean;
}

export async function benchBandwidth(
  sequence: string,
  frames: AsyncIterable<Buffer>,
  options: BandwidthOptions,
): Promise<BandwidthResult> {
  const relay = await startTestRelay({ loopDir: LOOP_DIR });
  const frameUrl = new URL('frame', relay.url);
  const viewers = CHOICES.map((choice) => createViewer(frameUrl, choice));
  const video = await createVideoViewer(relay.url, INTERVAL_MS, HOLD_MS);
  const videoQuality = { published: [] as number[], seen: [] as number[] };
  // A hold with nothing newer, started now, answers 204 after HOLD_MS: the size of one timeout.
  const timeoutProbe = timedOutHoldBytes(relay.url);
  timeoutProbe.catch(() => {});
  const newcomerDecoder = await openAv1Decoder();
  const newcomers: NewcomerSample[] = [];
  const sweepFrames: SweepFrame[] = [];
  let pointerSeq = 0;
  let closed = false;
  const closeAll = async () => {
    if (closed) return;
    closed = true;
    for (const v of viewers) v.close();
    await video.close();
    await newcomerDecoder.close();
    await relay.dispose();
  };
  const quality = new Map<Viewer, { published: number[]; seen: number[] }>(
    viewers.map((v) => [v, { published: [], seen: [] }]),
  );
  const plainJpeg = { bytes: 0, ssim: [] as number[] };
  let cameraBytes = 0;
  let count = 0;
  let cameraSize = '';
  try {
    for await (const jpeg of frames) {
      count++;
      cameraBytes += jpeg.length;
      const meta = await sharp(jpeg).metadata();
      cameraSize = `${meta.width}x${meta.height}`;
      await uploadFrame(relay.url, TOKEN, jpeg);
      await relay.idle();
      const references = new Map<string, GrayImage>();
      const referenceAt = async (width: number, height: number) => {
        const key = `${width}x${height}`;
        let ref = references.get(key);
        if (!ref) {
          ref = await grayPixels(jpeg, { width, height });
          references.set(key, ref);
        }
        return ref;
      };
      for (const viewer of viewers) {
        const fresh = await viewer.poll();
        const shown = viewer.shown();
        if (!shown) continue;
        const score = ssim(shown, await referenceAt(shown.width, shown.height));
        const q = quality.get(viewer)!;
        q.seen.push(score);
        if (fresh) q.published.push(score);
      }
      // The video viewer, side by side: joins after the first upload (as the stills viewers' first poll
      // does), then takes each held run as it is answered.
      const seq = (relay.feed.current()?.pointer as Pointer | undefined)?.seq ?? 0;
      const moved = seq > pointerSeq;
      pointerSeq = seq;
      let fresh = false;
      if (count === 1) {
        await video.join(count);
        fresh = true;
      } else fresh = (await video.catchUp(seq, count)) > 0;
      const picture = video.shown();
      if (picture) {
        const reference = await referenceAt(picture.width, picture.height);
        const score = ssim(picture, reference);
        videoQuality.seen.push(score);
        if (fresh) videoQuality.published.push(score);
        // The frame this upload published, with the kind of chunk the relay made of it, for the sweep.
        const newest = video.chunks.at(-1);
        if (moved && newest?.seq === seq) sweepFrames.push({ jpeg, key: newest.key, reference });
      }
      if ((count - 1) % options.newcomerEvery === 0)
        newcomers.push(await newcomer(relay.url, newcomerDecoder));
      // Second reference point: a naive 640-px grayscale JPEG (q85) of every frame, no change check.
      const ref640 = await referenceAt(640, Math.round((640 * (meta.height ?? 480)) / (meta.width ?? 640)));
      const plain = await sharp(ref640.data, {
        raw: { width: ref640.width, height: ref640.height, channels: 1 },
      })
        .jpeg({ quality: 85 })
        .toBuffer();
      plainJpeg.bytes += plain.length;
      plainJpeg.ssim.push(ssim(await grayPixels(plain), ref640));
    }
    const minutes = count / FRAMES_PER_MINUTE;
    const baseline = cameraBytes / minutes;
    const rows: BandwidthRow[] = [
      {
        what: `camera JPEG every frame (${cameraSize}, baseline)`,
        bytesPerViewerMinute: baseline,
        vsBaseline: 1,
        imageBytesPerMinute: baseline,
        pointerBytesPerMinute: 0,
        ssimPublished: 1,
        ssimSeen: 1,
      },
      {
        what: '640-px grayscale JPEG q85 every frame (no change check)',
        bytesPerViewerMinute: plainJpeg.bytes / minutes,
        vsBaseline: plainJpeg.bytes / minutes / baseline,
        imageBytesPerMinute: plainJpeg.bytes / minutes,
        pointerBytesPerMinute: 0,
        ssimPublished: mean(plainJpeg.ssim),
        ssimSeen: mean(plainJpeg.ssim),
      },
      ...viewers.map((v) => {
        const total = (v.imageBytes + v.pointerBytes) / minutes;
        const q = quality.get(v)!;
        return {
          what: `Porthole ${v.choice.format} ${v.choice.width} + pointer`,
          bytesPerViewerMinute: total,
          vsBaseline: total / baseline,
          imageBytesPerMinute: v.imageBytes / minutes,
          pointerBytesPerMinute: v.pointerBytes / minutes,
          ssimPublished: mean(q.published),
          ssimSeen: mean(q.seen),
        };
      }),
    ];
    video.finish(count);
    const holdBytes = await timeoutProbe;
    const published = await counterValue(relay.metrics.published);
    const unchanged = await counterValue(relay.metrics.unchanged);
    // The sweep needs no relay, and is long: a relay left idle that long would call the camera offline.
    await closeAll();
    const avif = rows.find((r) => r.what === 'Porthole avif 640 + pointer')!;
    const perMinute = (bytes: number) => bytes / minutes;
    const overhead = perMinute(
      video.pointerBytes + video.headerBytes + video.framingBytes + video.timedOut * holdBytes,
    );
    const videoTotal = overhead + perMinute(video.chunkBytes);
    rows.push({
      what: `Porthole video AV1 640 (crf ${ENCODER_SETTINGS.crf}), held GET /video/<seq>`,
      bytesPerViewerMinute: videoTotal,
      vsBaseline: videoTotal / baseline,
      // As for the stills: the runs (headers included) are its images; its one pointer and its 204s
      // stand where the stills' pointer polls and 304s do.
      imageBytesPerMinute: perMinute(video.chunkBytes + video.framingBytes + video.headerBytes),
      pointerBytesPerMinute: perMinute(video.pointerBytes + video.timedOut * holdBytes),
      ssimPublished: mean(videoQuality.published),
      ssimSeen: mean(videoQuality.seen),
    });
    const goalChunkBytes = (GOAL_BYTES_PER_MINUTE - overhead) * minutes;
    const sweep = await sweepCrf(sweepFrames, [...new Set([...options.crfSweep, ENCODER_SETTINGS.crf])], {
      ssim: [avif.ssimPublished ?? Number.NaN, ...(options.goals ? [GOAL_SSIM] : [])].filter(Number.isFinite),
      chunkBytes: options.goals && goalChunkBytes > 0 ? [goalChunkBytes] : [],
    });
    const atSsim = (target: number | null): VideoAtSsim | null => {
      const match = target === null ? null : matchSsim(sweep, target);
      if (!match || target === null) return null;
      const bytes = overhead + perMinute(match.chunkBytes);
      return {
        ...match,
        targetSsim: target,
        bytesPerViewerMinute: bytes,
        vsAvif640: bytes / avif.bytesPerViewerMinute,
      };
    };
    const keys = video.chunks.filter((c) => c.key);
    const deltas = video.chunks.filter((c) => !c.key);
    const meanKeyBytes = mean(keys.map((c) => c.bytes));
    const runHeaders = video.headerBytes / Math.max(1, video.runs);
    return {
      sequence,
      frames: count,
      published,
      unchanged,
      cameraJpegMeanBytes: cameraBytes / count,
      cameraSize,
      rows,
      video: {
        crf: ENCODER_SETTINGS.crf,
        chunkBytesPerMinute: perMinute(video.chunkBytes),
        framingBytesPerMinute: perMinute(video.framingBytes),
        headerBytesPerMinute: perMinute(video.headerBytes),
        pointerBytesPerMinute: perMinute(video.pointerBytes),
        timeoutBytesPerMinute: perMinute(video.timedOut * holdBytes),
        runs: video.runs,
        chunks: video.chunks.length,
        keys: keys.length,
        meanKeyBytes,
        meanDeltaBytes: mean(deltas.map((c) => c.bytes)),
        timedOutHolds: video.timedOut,
        timedOutHoldBytes: holdBytes,
        wallClockTimeouts: video.wallClockTimeouts,
        meanDecodeMs: mean(video.chunks.map((c) => c.decodeMs)),
        avif640: { bytesPerViewerMinute: avif.bytesPerViewerMinute, ssimPublished: avif.ssimPublished },
        vsAvif640: videoTotal / avif.bytesPerViewerMinute,
        overheadBytesPerMinute: overhead,
        goals: options.goals,
        sweep,
        sweepFrames: sweepFrames.length,
        atAvifSsim: atSsim(avif.ssimPublished),
        atGoalSsim: options.goals ? atSsim(GOAL_SSIM) : null,
        atGoalBytes: (() => {
          const match = options.goals ? matchBytes(sweep, goalChunkBytes) : null;
          return match && { ...match, bytesPerViewerMinute: GOAL_BYTES_PER_MINUTE };
        })(),
        newcomer: summariseNewcomers(newcomers, options.newcomerEvery, {
          keyRunBytes: runHeaders + RUN_HEAD_BYTES + RUN_CHUNK_HEAD_BYTES + meanKeyBytes,
          publishedShare: published / count,
        }),
      },
    };
  } finally {
    await closeAll();
  }
}

interface NewcomerSample {
  firstFrameBytes: number;
  firstFrameMs: number;
  runBytes: number;
  chunks: number;
  fetchMs: number;
  decodeMs: number;
}

/**
 * A newcomer, on a connection of its own: the pointer and the AVIF 640 still it names (first frame), then
 * the catch-up run `GET /video/0` decoded to the frame on air (first moving frame: from there on each
 * held run is the next frame).
 */
async function newcomer(base: string, decoder: Av1Decoder): Promise<NewcomerSample> {
  const client = wireClient();
  try {
    const started = performance.now();
    const res = await client.get(new URL('frame', base));
    if (res.status !== 200) throw new Error(`GET /frame answered ${res.status}`);
    const pointer = JSON.parse(res.body.toString()) as Pointer;
    const variant = pointer.variants.find((v) => v.format === 'avif' && v.width === 640);
    if (!variant) throw new Error('no avif 640 variant in the pointer');
    const still = await client.get(new URL(variant.url, base));
    if (still.status !== 200) throw new Error(`GET ${variant.url} answered ${still.status}`);
    const firstFrameMs = performance.now() - started;
    const fetchStarted = performance.now();
    const run = await client.get(new URL('video/0', base));
    if (run.status !== 200) throw new Error(`GET /video/0 answered ${run.status}`);
    const fetchMs = performance.now() - fetchStarted;
    const decodeStarted = performance.now();
    const { chunks } = decodeRun(run.body);
    if (!chunks[0]?.key) throw new Error('the catch-up run does not start with a key');
    for (const chunk of chunks) await decoder.decode(chunk.data, chunk.key);
    return {
      firstFrameBytes: res.wireBytes + still.wireBytes,
      firstFrameMs,
      runBytes: run.wireBytes,
      chunks: chunks.length,
      fetchMs,
      decodeMs: performance.now() - decodeStarted,
    };
  } finally {
    client.close();
  }
}

function summariseNewcomers(
  samples: NewcomerSample[],
  every: number,
  key: { keyRunBytes: number; publishedShare: number },
): NewcomerResult {
  const of = (pick: (s: NewcomerSample) => number) => mean(samples.map(pick));
  return {
    joins: samples.length,
    every,
    firstFrameBytes: of((s) => s.firstFrameBytes),
    firstFrameMs: of((s) => s.firstFrameMs),
    catchUpRunBytes: of((s) => s.runBytes),
    catchUpRunMaxBytes: Math.max(...samples.map((s) => s.runBytes)),
    catchUpChunks: of((s) => s.chunks),
    catchUpFetchMs: of((s) => s.fetchMs),
    catchUpDecodeMs: of((s) => s.decodeMs),
    nextKeyRunBytes: key.keyRunBytes,
    nextKeyWaitMs: expectedKeyWaitMs(GROUP_FRAMES, INTERVAL_MS),
    nextKeyWaitAtPublishedShareMs: expectedKeyWaitMs(GROUP_FRAMES, INTERVAL_MS, key.publishedShare),
  };
}

/** The value of a prom-client counter (no labels). */
async function counterValue(metric: { get(): Promise<{ values: { value: number }[] }> }) {
  const { values } = await metric.get();
  return values.reduce((sum, v) => sum + v.value, 0);
}
