/** Assemble and start a relay: storage, loop, feed, pipeline, publishing, routes, HTTP server. */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DestinationStream, Logger } from 'pino';
import sharp from 'sharp';
import { type RelayConfig, type RelayOptions, resolveConfig } from './config.ts';
import { controlRoute } from './control/control-route.ts';
import { latestRoute } from './delivery/latest-route.ts';
import { pointerRoute } from './delivery/pointer-route.ts';
import { statusRoutes } from './delivery/status-routes.ts';
import { variantRoute } from './delivery/variant-route.ts';
import { viewerCounter } from './delivery/viewers.ts';
import { createFeed, type Feed } from './feed/feed.ts';
import { loadLoop } from './feed/loop.ts';
import { bearerCheck, clientAddress } from './http/auth.ts';
import { corsPreflight } from './http/cors.ts';
import { rateLimiter } from './http/rate-limit.ts';
import { createRouter } from './http/router.ts';
import { createHttpServer, listen } from './http/server.ts';
import { legacyUploadRoute } from './ingest/legacy-upload.ts';
import { createTusIngest } from './ingest/tus-ingest.ts';
import { createLogger } from './log.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { createFrameIntake } from './pipeline/frame-intake.ts';
import { createPublisher } from './publish/publisher.ts';
import { routeTable } from './routes.ts';
import { openFrameStore } from './store/frame-store.ts';
import { intactHistory } from './store/intact-history.ts';
import { loadState, stateSaver } from './store/state.ts';
import { createWaveCounter } from './waves/wave-counter.ts';
import { waveRoute } from './waves/wave-route.ts';

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
  // Every frame is new: libvips' operation cache would only hold memory.
  sharp.cache(false);
  const log = createLogger(config.logLevel, config.logFormat, hooks.logDestination);
  const metrics = createMetrics();
  const dataDir = resolve(config.dataDir);
  await mkdir(join(dataDir, 'uploads'), { recursive: true });

  const frames = await openFrameStore(join(dataDir, 'frames'));
  const state = await loadState(join(dataDir, 'state.json'));
  state.history = await intactHistory(state.history, frames);

  const normalise = {
    grayscale: config.grayscale,
    masks: config.masks,
    maxWidth: Math.max(...config.widths),
    maxPixels: config.maxPixels,
    maxDimension: config.maxDimension,
  };
  const loop = await loadLoop({
    dir: resolve(config.loopDir),
    normalise,
    widths: config.widths,
    frames,
    manifestPath: join(dataDir, 'loop.json'),
    onSkip: (file, reason) => log.warn({ file, reason }, 'loop frame skipped'),
  });
  log.info({ frames: loop.length, dir: config.loopDir }, 'loop ready');

  const waves = createWaveCounter();
  const saver = stateSaver(join(dataDir, 'state.json'));
  const feed = createFeed({
    state,
    loop,
    offlineAfterMs: config.offlineAfter,
    frameIntervalMs: config.frameInterval,
    historyLength: config.history,
    privacy: config.privacyWindows,
    save: saver.save,
    wavesNow: waves.recent,
  });
  await frames.retainOnly(feed.referencedNames());
  await feed.settled();
  const ticker = setInterval(() => feed.tick(), TICK_MS);
  ticker.unref();

  const publisher = createPublisher({
    widths: config.widths,
    frames,
    onPublished: (frame, tookMs) => {
      feed.published(frame, tookMs);
      return feed.settled();
    },
    referencedNames: feed.referencedNames,
    metrics,
    log,
  });
  const intake = createFrameIntake({
    normalise,
    feed: { ...feed, isPaused: () => feed.mode() === 'paused' },
    publish: publisher.submit,
    metrics,
    log,
  });
  const accept = intake.accept;
  const takeWaves = waves.takeSinceUpload;
  const tus = createTusIngest({
    directory: join(dataDir, 'uploads'),
    maxUpload: config.maxUpload,
    expiryMs: config.uploadExpiry,
    trustProxy: config.trustProxy,
    accept,
    takeWaves,
    log,
  });

  const addressOf = (req: Parameters<typeof clientAddress>[0]) => clientAddress(req, config.trustProxy);
  const viewers = viewerCounter();
  const statuses = statusRoutes({
    feed,
    metrics,
    wavesNow: () => waves.recent(Date.now()),
    viewersNow: viewers.estimate,
  });
  const authFailures = rateLimiter(config.authFailRate);
  const router = createRouter({
    routes: routeTable({
      pointer: pointerRoute({
        feed,
        sawViewer: (req) => viewers.seen(`${addressOf(req)} ${req.headers['user-agent'] ?? ''}`),
      }),
      variant: variantRoute(frames),
      latest: latestRoute({ feed, frames }),
      status: statuses.status,
      healthz: statuses.healthz,
      metrics: statuses.metrics,
      wave: waveRoute({
        waves,
        onWave: feed.waved,
        countAccepted: () => metrics.waves.inc(),
        perClient: rateLimiter(config.waveRate),
        overall: rateLimiter(config.waveGlobalRate),
        clientAddress: addressOf,
      }),
      wavePreflight: corsPreflight('POST'),
      control: controlRoute(feed),
      legacyUpload: legacyUploadRoute({ accept, maxUpload: config.maxUpload, takeWaves }),
      tus: (req, res) => tus.handle(req, res),
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

  let closing: Promise<void> | undefined;
  return {
    url,
    config,
    feed,
    metrics,
    log,
    idle: () => publisher.idle(),
    close() {
      closing ??= (async () => {
        clearInterval(ticker);
        tus.close();
        const closed = new Promise<void>((done) => server.close(() => done()));
        server.closeIdleConnections();
        const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
        await Promise.race([publisher.idle(), delay(SHUTDOWN_GRACE_MS)]);
        await closed;
        clearTimeout(force);
        await saver.flushed();
        log.info('relay stopped');
        log.flush();
      })();
      return closing;
    },
  };
}

const delay = (ms: number) => new Promise((done) => setTimeout(done, ms).unref());
