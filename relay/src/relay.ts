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
import { bearerCheck, clientAddress } from './http/auth.ts';
import { rateLimiter } from './http/rate-limit.ts';
import { createRouter } from './http/router.ts';
import { createHttpServer, listen } from './http/server.ts';
import { createTusIngest } from './ingest/tus-ingest.ts';
import { createLogger } from './log.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { createFrameIntake } from './pipeline/frame-intake.ts';
import type { NormaliseOptions } from './pipeline/normalise.ts';
import { createPublisher, type Publisher } from './publish/publisher.ts';
import { routeTable } from './routes.ts';
import { type FrameStore, openFrameStore } from './store/frame-store.ts';
import { intactHistory } from './store/intact-history.ts';
import { loadState, stateSaver } from './store/state.ts';
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
  /** Stop accepting, finish what is in flight (bounded), close. */
  close(): Promise<void>;
}

export interface RelayHooks {
  /** Where log lines go instead of stdout (JSON, one per line): for tests and embedders. */
  logDestination?: DestinationStream;
}

const TICK_MS = 250;
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

  const { normalise, frames, state, loop } = await openStorage(config, dataDir, log);

  const waves = createWaveCounter();
  const saver = stateSaver(join(dataDir, 'state.json'));
  const feed = createFeed({
    state,
    loop,
    offlineAfterMs: config.offlineAfter,
    intervalMs: config.interval,
    historyLength: config.history,
    privacy: config.privacyWindows,
    save: saver.save,
    wavesNow: waves.recent,
  });
  await frames.retainOnly(feed.referencedNames());
  await feed.settled();
  const ticker = setInterval(() => feed.tick(), TICK_MS);
  ticker.unref();

  const { publisher, intake, tus } = assembleFramePath({
    config,
    dataDir,
    normalise,
    frames,
    feed,
    waves,
    metrics,
    log,
  });

  const addressOf = (req: Parameters<typeof clientAddress>[0]) => clientAddress(req, config.trustProxy);
  const authFailures = rateLimiter(config.authFailRate);
  const router = createRouter({
    routes: routeTable({
      ...{ config, feed, frames, metrics, waves, tus },
      viewers: viewerCounter(),
      accept: intake.accept,
      clientAddress: addressOf,
    }),
    authorised: bearerCheck(config.token),
    authFailures: (req) => authFailures.take(addressOf(req)),
    metrics,
    log,
  });
  const server = createHttpServer((req, res) => void router(req, res), log);
  const url = await listen(server, config.port, config.host);
  log.info(
    { url, dataDir, widths: config.widths, privacyWindows: config.privacyWindows ? 'on' : 'off' },
    'relay listening',
  );

  const stop = () => {
    clearInterval(ticker);
    tus.close();
  };
  const close = once(() => closeGracefully({ server, publisher, stop, flushed: saver.flushed, log }));
  return { url, config, feed, metrics, log, idle: publisher.idle, close };
}

/** The frame store, the saved state (only frames whose files survived), and the loop. */
async function openStorage(config: RelayConfig, dataDir: string, log: Logger) {
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
  const loop = await loadLoop({
    dir: resolve(config.loopDir),
    normalise,
    widths: config.widths,
    frames,
    manifestPath: join(dataDir, 'loop.json'),
    onSkip: (file, reason) => log.warn({ file, reason }, 'loop frame skipped'),
  });
  log.info({ frames: loop.length, dir: config.loopDir }, 'loop ready');
  return { normalise, frames, state, loop };
}

/** Ingest → pipeline → publish, ending in the feed. */
function assembleFramePath(parts: {
  config: RelayConfig;
  dataDir: string;
  normalise: NormaliseOptions;
  frames: FrameStore;
  feed: Feed;
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
    metrics,
    log,
  });
  const intake = createFrameIntake({
    normalise: parts.normalise,
    feed: { ...feed, isPaused: () => feed.mode() === 'paused' },
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
  log.flush();
}

const once = <T>(work: () => Promise<T>) => {
  let running: Promise<T> | undefined;
  return () => (running ??= work());
};

const delay = (ms: number) => new Promise((done) => setTimeout(done, ms).unref());
