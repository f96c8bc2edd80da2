/**
 * The recordings beside live delivery: the HLS stream and the daily timelapses, each with its own encoder,
 * paced by its own timer, from what is on air. Nothing here can hold up or break the live path: a failed
 * step is logged (rate-limited), counted, and tried again on the next frame.
 */
import { join } from 'node:path';
import { RECORDING_PATHS } from '@porthole/protocol';
import type { Logger } from 'pino';
import type { RelayConfig } from '../config.ts';
import type { SerialisedPointer } from '../feed/pointer.ts';
import type { Route } from '../http/router.ts';
import type { Metrics } from '../metrics.ts';
import type { RawImage } from '../pipeline/masks.ts';
import type { FrameStore } from '../store/frame-store.ts';
import { openStreamEncoder } from '../video/encoder.ts';
import { failureLog } from './failure-log.ts';
import { type HlsRecorder, openHlsRecorder } from './hls-recorder.ts';
import { onAirPictures } from './on-air-picture.ts';
import { recordingMetrics } from './recording-metrics.ts';
import { hlsRoute, timelapseRoute } from './recording-routes.ts';
import { restartableEncoder } from './restartable-encoder.ts';
import { openTimelapse, type Timelapse } from './timelapse.ts';
import { sampleEveryMs } from './timelapse-schedule.ts';

export const TIMELAPSE_FPS = 24;
/** "Today so far" is rendered again this often, when it has new frames. */
const RENDER_EVERY_MS = 5 * 60_000;
/** The HLS window's share of the recordings budget; the timelapses have the rest. */
const HLS_SHARE = 0.1;
const TIMELAPSE_CHECK_MS = 1000;

export interface RecordingsOptions {
  config: RelayConfig;
  dataDir: string;
  current: () => SerialisedPointer | undefined;
  /** The pixels of the newest published frame, by its widest JPEG's name (else that JPEG is decoded). */
  pixelsOf?: (jpegName: string) => RawImage | undefined;
  frames: FrameStore;
  metrics: Metrics;
  log: Logger;
  /** The clock the recordings run on (a test simulates a day with it). */
  now?: () => number;
}

export interface Recordings {
  hls?: HlsRecorder;
  timelapse?: Timelapse;
  routes: Route[];
  /** Record the HLS frame of `at`'s slot now, in turn with the timer's (for tests). */
  hlsFrame(at: number): Promise<void>;
  /** Run the timelapse's step for `at` now, in turn with the timer's (for tests). */
  timelapseTick(at: number): Promise<void>;
  close(): Promise<void>;
}

export async function startRecordings(options: RecordingsOptions): Promise<Recordings> {
  const { config, log } = options;
  const now = options.now ?? Date.now;
  const metrics = recordingMetrics([options.metrics.registry]);
  const pictures = onAirPictures(options.current, options.frames, options.pixelsOf);
  const dir = join(options.dataDir, 'recordings');
  const encoders = [
    restartableEncoder(() => openStreamEncoder()),
    restartableEncoder(() => openStreamEncoder()),
  ];
  const segmentFrames = Math.max(1, Math.round(config.hlsSegment / config.interval));
  const hls = config.hls
    ? await openHlsRecorder({
        dir: join(dir, 'hls'),
        pictures,
        encoder: encoders[0]!,
        intervalMs: config.interval,
        segmentFrames,
        limits: { listed: config.hlsWindow, maxBytes: config.recordingsDisk * HLS_SHARE },
        metrics,
        log,
        now,
      })
    : undefined;
  const everyMs = sampleEveryMs(config.timelapseLength, TIMELAPSE_FPS);
  const timelapse = config.timelapse
    ? await openTimelapse({
        dir: join(dir, 'timelapse'),
        pictures,
        encoder: encoders[1]!,
        everyMs,
        fps: TIMELAPSE_FPS,
        renderEveryMs: RENDER_EVERY_MS,
        retentionMs: config.timelapseRetention,
        excludedHours: config.recordingsExcludeHours,
        maxBytes: () => config.recordingsDisk - (hls?.bytes() ?? 0),
        metrics,
        log,
      })
    : undefined;

  const serial = (what: 'hls' | 'timelapse', step: (at: number) => Promise<void>) => {
    const failures = failureLog(
      log,
      what === 'hls' ? 'recording an HLS frame' : 'recording the timelapse',
      now,
    );
    let chain = Promise.resolve();
    const run = (at: number) => {
      chain = chain.then(async () => {
        try {
          await step(at);
          failures.succeeded();
        } catch (error) {
          metrics.recordingFailures.inc({ recording: what });
          failures.failed(error);
        }
      });
      return chain;
    };
    return Object.assign(run, { drained: () => chain });
  };
  const hlsFrame = serial('hls', async (at) => {
    await hls?.frame(at);
    metrics.recordingBytes.set({ recording: 'hls' }, hls?.bytes() ?? 0);
  });
  const timelapseTick = serial('timelapse', async (at) => {
    await timelapse?.tick(at);
    if (timelapse) metrics.recordingBytes.set({ recording: 'timelapse' }, await timelapse.bytes());
  });

  // Each HLS frame just after its slot begins; never two at once, never a backlog.
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const scheduleHls = () => {
    if (stopped || !hls) return;
    const wait = config.interval - (now() % config.interval) + 20;
    timer = setTimeout(() => void hlsFrame(now()).then(scheduleHls), wait);
    timer.unref();
  };
  scheduleHls();
  const checker = timelapse ? setInterval(() => void timelapseTick(now()), TIMELAPSE_CHECK_MS) : undefined;
  checker?.unref();

  const routes: Route[] = [
    ...(hls ? [{ name: 'hls', path: RECORDING_PATHS.hls, methods: { GET: hlsRoute(hls) } }] : []),
    ...(timelapse
      ? [
          {
            name: 'timelapse',
            path: RECORDING_PATHS.timelapse,
            methods: { GET: timelapseRoute(timelapse, { fps: TIMELAPSE_FPS, everyMs, now }) },
          },
        ]
      : []),
  ];
  return {
    ...(hls ? { hls } : {}),
    ...(timelapse ? { timelapse } : {}),
    routes,
    hlsFrame,
    timelapseTick,
    async close() {
      stopped = true;
      clearTimeout(timer);
      clearInterval(checker);
      await Promise.all([hlsFrame.drained(), timelapseTick.drained()]);
      await Promise.all(encoders.map((e) => e.close()));
    },
  };
}
