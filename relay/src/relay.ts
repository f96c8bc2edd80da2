/** Assemble and start a relay: storage, loop, feed, pipeline, publishing, routes, HTTP server. */
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import type { DestinationStream, Logger } from 'pino';
import sharp from 'sharp';
import { type RelayConfig, type RelayOptions, resolveConfig } from './config.ts';
import { viewerCounter } from './delivery/viewers.ts';
import { createFeed, type Feed } from './feed/feed.ts';
import { loadLoop } from './feed/loop.ts';
import { chooseLoopFolder } from './feed/loop-folder.ts';
import { clientAddress, tokenTable } from './http/auth.ts';
import { ownerCheck } from './http/owner.ts';
import { rateLimiter } from './http/rate-limit.ts';
import { createRouter } from './http/router.ts';
import { createHttpServer, listen } from './http/server.ts';
import { reloadTokenFile } from './http/token-reload.ts';
import { createTusIngest } from './ingest/tus-ingest.ts';
import { createLogger, endLog } from './log.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { createFrameIntake } from './pipeline/frame-intake.ts';
import type { NormaliseOptions } from './pipeline/normalise.ts';
import { type PrivacyWindowState, privacyWindows } from './pipeline/privacy-window.ts';
import { createPublisher, type Publisher } from './publish/publisher.ts';
import { type Recordings, startRecordings } from './recordings/recordings.ts';
import { routeTable } from './routes.ts';
import { type FrameStore, openFrameStore } from './store/frame-store.ts';
import { intactHistory } from './store/intact-history.ts';
import { loadState, stateSaver } from './store/state.ts';
import { openStreamEncoder, type StreamEncoder } from './video/encoder.ts';
import { idleClosingEncoder } from './video/idle-encoder.ts';
import { createLiveVideo, type LiveVideo } from './video/live-video.ts';
import { createWaveCounter, type WaveCounter } from './waves/wave-counter.ts';

export interface Relay {
  /** Base URL, with a trailing slash: `http://127.0.0.1:8787/`. */
  url: string;
  config: RelayConfig;
  feed: Feed;
  metrics: Metrics;
  log: Logger;
  /** Resolves when every accepted frame has been published (or superseded). */
  idle(): Promise<void>;
  /** Make a privacy window due now (it opens once the room is still), for the owner and tests. */
  openPrivacyWindow(lengthMs: number): void;
  /** Whether a window is open, due or waiting: for the owner only, never public. */
  privacyState(): PrivacyWindowState;
  /**
   * Re-read the token file now (the CLI does on SIGHUP; changes to the file are picked up by themselves).
   * False when it is invalid or there is none: the tokens in use stay.
   */
  reloadTokens(): boolean;
  /** The HLS stream and the timelapses (either may be off). */
  recordings: Recordings;
  /** Stop accepting, finish what is in flight (bounded), close. */
  close(): Promise<void>;
}

export interface RelayHooks {
  /** Where log lines go instead of stdout (JSON, one per line): for tests and embedders. */
  logDestination?: DestinationStream;
  /** The clock the recordings run on, instead of Date.now: a test simulates a day with it. */
  recordingsClock?: () => number;
}

const TICK_MS = 250;
/** Frames per video group: a key about once a minute at the usual 2 s interval. */
export const GROUP_FRAMES = 30;
/** A video encoder idle this long lets its worker (and about 45 MB) go; the next frame is a key. */
const ENCODER_IDLE_MS = 60_000;
const SHUTDOWN_GRACE_MS = 5_000;

export async function startRelay(options: RelayOptions = {}, hooks: RelayHooks = {}): Promise<Relay> {
  const config = resolveConfig(options);
  // Every frame is new: libvips' operation cache would only hold memory. One libvips thread per image:
  // encodes already run side by side, and each extra thread is one more glibc arena that keeps memory.
  sharp.cache(false);
  sharp.concurrency(1);
  const log = createLogger(config.logLevel, config.logFormat, hooks.logDestination);
  const metrics = createMetrics();
  const dataDir = resolve(config.dataDir);
  await mkdir(join(dataDir, 'uploads'), { recursive: true });

  const openEncoder = config.video ? encoderOrNothing(log) : async () => undefined;
  const { normalise, frames, state, loop } = await openStorage(config, dataDir, log, openEncoder);
  const firstEncoder = await openEncoder();
  const encoder = firstEncoder && idleClosingEncoder(firstEncoder, openEncoder, ENCODER_IDLE_MS);
  const video = createLiveVideo({ encoder, frames, groupFrames: GROUP_FRAMES, metrics, log });

  const waves = createWaveCounter();
  const saver = stateSaver(join(dataDir, 'state.json'));
  const feed = createFeed({
    state,
    loop,
    offlineAfterMs: config.offlineAfter,
    intervalMs: config.interval,
    historyLength: config.history,
    save: saver.save,
    wavesNow: waves.recent,
    ...(video.available ? { video } : {}),
  });
  await frames.retainOnly(feed.referencedNames());
  await feed.settled();
  const ticker = setInterval(() => feed.tick(), TICK_MS);
  ticker.unref();

  const privacy = privacyWindows({
    policy: config.privacyWindows,
    now: Date.now(),
    onChange: (change) =>
      change.event === 'opened'
        ? log.info({ at: change.at, until: change.until }, 'privacy window opened')
        : log.info({ at: change.at, seamless: change.seamless }, 'privacy window closed'),
  });
  describePrivacy(config, log);
  const { publisher, intake, tus } = assembleFramePath({
    config,
    dataDir,
    normalise,
    frames,
    feed,
    privacy,
    video,
    waves,
    metrics,
    log,
  });

  const recordings = await startRecordings({
    ...{ config, dataDir, frames, metrics, log },
    current: feed.current,
    pixelsOf: publisher.pixelsOf,
    ...(hooks.recordingsClock ? { now: hooks.recordingsClock } : {}),
  });

  const tokens = tokenTable(config.tokens);
  const tokenFile = config.tokenFile ? reloadTokenFile(config.tokenFile, tokens, log) : undefined;
  const addressOf = (req: Parameters<typeof clientAddress>[0]) => clientAddress(req, config.trustProxy);
  const authFailures = rateLimiter(config.authFailRate);
  const router = createRouter({
    routes: [
      ...routeTable({
        ...{ config, feed, frames, metrics, waves, tus },
        ...(video.available ? { tape: video.tape } : {}),
        viewers: viewerCounter(),
        accept: intake.accept,
        clientAddress: addressOf,
        isOwner: ownerCheck(tokens.check),
        privacyState: () => privacy.state(Date.now()),
      }),
      ...recordings.routes,
    ],
    checkToken: tokens.check,
    authFailures: (req) => authFailures.take(addressOf(req)),
    metrics,
    log,
  });
  const server = createHttpServer((req, res) => void router(req, res), log);
  const url = await listen(server, config.port, config.host);
  log.info(
    {
      url,
      dataDir,
      widths: config.widths,
      video: video.available ? 'on' : 'off',
      privacyWindows: config.privacyWindows ? 'on' : 'off',
    },
    'relay listening',
  );

  const stop = () => {
    clearInterval(ticker);
    tus.close();
    tokenFile?.close();
    video.tape.release();
  };
  const reloadTokens = () => {
    if (tokenFile) return tokenFile.reload();
    log.info('no token file to reload: the token comes from --token / PORTHOLE_TOKEN');
    return false;
  };
  const close = once(async () => {
    await closeGracefully({ server, publisher, stop, flushed: saver.flushed, log });
    await Promise.all([video.close(), recordings.close()]);
  });
  return {
    ...{ url, config, feed, metrics, log, idle: publisher.idle, reloadTokens, recordings, close },
    openPrivacyWindow: (lengthMs) => privacy.dueNow(Date.now(), lengthMs),
    privacyState: () => privacy.state(Date.now()),
  };
}

/** The frame store, the saved state (only frames whose files survived), and the loop. */
async function openStorage(
  config: RelayConfig,
  dataDir: string,
  log: Logger,
  openEncoder: () => Promise<StreamEncoder | undefined>,
) {
  const normalise: NormaliseOptions = {
    grayscale: config.grayscale,
    masks: config.masks,
    maxWidth: Math.max(...config.widths),
    maxPixels: config.maxPixels,
    maxDimension: config.maxDimension,
  };
  const frames = await openFrameStore(join(dataDir, 'frames'));
  const state = await loadState(join(dataDir, 'state.json'));
  state.history = await intactHistory(state.history, frames);
  const loopDir = await chooseLoopFolder(resolve(config.loopDir), log);
  const loop = await loadLoop({
    dir: loopDir,
    normalise,
    widths: config.widths,
    frames,
    manifestPath: join(dataDir, 'loop.json'),
    onSkip: (file, reason) => log.warn({ file, reason }, 'loop frame skipped'),
    ...(config.video ? { openEncoder } : {}),
  });
  log.info({ frames: loop.length, dir: loopDir }, 'loop ready');
  return { normalise, frames, state, loop };
}

/** Ingest → pipeline → publish, ending in the feed. */
function assembleFramePath(parts: {
  config: RelayConfig;
  dataDir: string;
  normalise: NormaliseOptions;
  frames: FrameStore;
  feed: Feed;
  privacy: ReturnType<typeof privacyWindows>;
  video: LiveVideo;
  waves: WaveCounter;
  metrics: Metrics;
  log: Logger;
}) {
  const { config, feed, metrics, log } = parts;
  const publisher = createPublisher({
    widths: config.widths,
    frames: parts.frames,
    onPublished: (frame, tookMs) => {
      feed.published(frame, tookMs);
      return feed.settled();
    },
    referencedNames: feed.referencedNames,
    ...(parts.video.available ? { encodeChunk: parts.video.encodeLive } : {}),
    metrics,
    log,
  });
  const intake = createFrameIntake({
    normalise: parts.normalise,
    feed: { ...feed, isPaused: () => feed.mode() === 'paused' },
    privacy: parts.privacy,
    publish: publisher.submit,
    metrics,
    log,
  });
  const tus = createTusIngest({
    directory: join(parts.dataDir, 'uploads'),
    maxUpload: config.maxUpload,
    expiryMs: config.uploadExpiry,
    trustProxy: config.trustProxy,
    accept: intake.accept,
    takeWaves: parts.waves.takeSinceUpload,
    log,
  });
  return { publisher, intake, tus };
}

/** Opens a stream encoder each time it is called; says once, if there is none, that the relay serves stills. */
function encoderOrNothing(log: Logger): () => Promise<StreamEncoder | undefined> {
  let warned = false;
  return () =>
    openStreamEncoder().catch((error: Error) => {
      if (!warned) log.warn({ reason: error.message }, 'no video encoder: serving stills only');
      warned = true;
      return undefined;
    });
}

/** Say at start-up what a privacy window will and will not do, so the owner is never misled. */
function describePrivacy(config: RelayConfig, log: Logger): void {
  const policy = config.privacyWindows;
  if (!policy) {
    log.info('privacy windows off: every frame visitors see is live');
    return;
  }
  log.info(
    { everyMs: policy.everyMs, minMs: policy.minMs, maxMs: policy.maxMs, stillMs: policy.stillMs },
    'privacy windows on: each opens only once the room has been still, holds the still room, and closes when the live room matches it again; a room that is never still gets no windows',
  );
}

/** Stop accepting, let in-flight requests and publishing finish (bounded by the grace period), save. */
async function closeGracefully(parts: {
  server: Server;
  publisher: Publisher;
  stop: () => void;
  flushed: () => Promise<void>;
  log: Logger;
}): Promise<void> {
  const { server, publisher, log } = parts;
  parts.stop();
  const closed = new Promise<void>((done) => server.close(() => done()));
  server.closeIdleConnections();
  const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
  await Promise.race([publisher.idle(), delay(SHUTDOWN_GRACE_MS)]);
  await closed;
  clearTimeout(force);
  await parts.flushed();
  log.info('relay stopped');
  await endLog(log);
}

const once = <T>(work: () => Promise<T>) => {
  let running: Promise<T> | undefined;
  return () => (running ??= work());
};

const delay = (ms: number) => new Promise((done) => setTimeout(done, ms).unref());
