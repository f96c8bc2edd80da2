/** Assemble and start a relay: storage, loop, feed, intake, routes, HTTP server. */
import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { DestinationStream, Logger } from 'pino';
import sharp from 'sharp';
import { type RelayConfig, type RelayOptions, resolveConfig } from './config.ts';
import { readRoutes } from './delivery/read-routes.ts';
import { viewerCounter } from './delivery/viewers.ts';
import { waveRoute } from './delivery/wave.ts';
import { createFeed, type Feed } from './feed/feed.ts';
import { loadLoop } from './feed/loop.ts';
import { bearerCheck, clientAddress } from './http/auth.ts';
import { rateLimiter } from './http/rate-limit.ts';
import { sendText } from './http/respond.ts';
import { createRouter, type Route } from './http/router.ts';
import { handleControl } from './ingest/control.ts';
import { createFrameIntake } from './ingest/frame-intake.ts';
import { readLegacyFrame } from './ingest/legacy-upload.ts';
import { createTusIngest, TUS_PATH } from './ingest/tus-ingest.ts';
import { createLogger } from './log.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { openFrameStore } from './store/frame-store.ts';
import { loadState, stateSaver } from './store/state.ts';

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

const TICK_MS = 250;
/** The answers Node itself would give to what its parser refuses; anything else is a plain 400. */
const PARSER_ERROR_STATUS: Record<string, string> = {
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
};
const SHUTDOWN_GRACE_MS = 5_000;

export interface RelayHooks {
  /** Where log lines go instead of stdout (JSON, one per line): for tests and embedders. */
  logDestination?: DestinationStream;
}

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
  // Only frames whose every file survived (a crash can interrupt a publish) may go back on air.
  const intact = [];
  for (const frame of state.history) {
    const present = await Promise.all(frame.variants.map((v) => frames.get(v.name)));
    if (present.every(Boolean)) intact.push(frame);
  }
  state.history = intact;

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

  const saver = stateSaver(join(dataDir, 'state.json'));
  const feed = createFeed({
    state,
    loop,
    offlineAfterMs: config.offlineAfter,
    frameIntervalMs: config.frameInterval,
    historyLength: config.history,
    privacy: config.privacyWindows,
    save: saver.save,
  });
  await frames.retainOnly(feed.referencedNames());
  await feed.settled();
  const ticker = setInterval(() => feed.tick(), TICK_MS);
  ticker.unref();

  const intake = createFrameIntake({ normalise, widths: config.widths, feed, frames, metrics, log });
  const tus = createTusIngest({
    directory: join(dataDir, 'uploads'),
    maxUpload: config.maxUpload,
    expiryMs: config.uploadExpiry,
    trustProxy: config.trustProxy,
    intake,
    takeWaves: () => feed.takeWavesSinceUpload(),
    log,
  });

  const addressOf = (req: Parameters<typeof clientAddress>[0]) => clientAddress(req, config.trustProxy);
  const viewers = viewerCounter();
  const reads = readRoutes({
    feed,
    frames,
    metrics,
    viewers,
    clientKey: (req) => `${addressOf(req)} ${req.headers['user-agent'] ?? ''}`,
  });
  const authFailures = rateLimiter(config.authFailRate);
  const wave = waveRoute({
    feed,
    metrics,
    perClient: rateLimiter(config.waveRate),
    overall: rateLimiter(config.waveGlobalRate),
    clientAddress: addressOf,
  });

  const tusHandler = (req: Parameters<typeof tus.handle>[0], res: Parameters<typeof tus.handle>[1]) =>
    tus.handle(req, res);
  const routes: Route[] = [
    { name: 'frame', path: '/frame', methods: { GET: reads.frame } },
    {
      name: 'frames',
      path: '/frames/',
      methods: { GET: (req, res, path) => reads.variant(req, res, path.slice('/frames/'.length)) },
    },
    { name: 'latest', path: '/latest', methods: { GET: reads.latest } },
    { name: 'status', path: '/status', methods: { GET: reads.status } },
    { name: 'healthz', path: '/healthz', methods: { GET: reads.healthz } },
    { name: 'metrics', path: '/metrics', methods: { GET: reads.metrics } },
    { name: 'wave', path: '/wave', methods: { POST: wave, OPTIONS: preflight } },
    {
      name: 'control',
      path: '/control',
      methods: { POST: (req, res) => handleControl(req, res, feed) },
      write: ['POST'],
    },
    {
      name: 'upload',
      path: '/upload',
      write: ['POST'],
      methods: {
        POST: async (req, res) => {
          await intake.accept(await readLegacyFrame(req, config.maxUpload), 'multipart');
          sendText(res, 200, 'Success', {
            'Porthole-Waves': feed.takeWavesSinceUpload(),
            'Cache-Control': 'no-store',
          });
        },
      },
    },
    {
      name: 'tus',
      path: `${TUS_PATH}/`,
      write: ['POST', 'HEAD', 'PATCH', 'DELETE'],
      methods: {
        OPTIONS: tusHandler,
        POST: tusHandler,
        HEAD: tusHandler,
        PATCH: tusHandler,
        DELETE: tusHandler,
      },
    },
    { name: 'tus', path: TUS_PATH, write: ['POST'], methods: { OPTIONS: tusHandler, POST: tusHandler } },
  ];
  const router = createRouter({
    routes,
    authorised: bearerCheck(config.token),
    authFailures: (req) => authFailures.take(addressOf(req)),
    metrics,
    log,
  });

  const server = createServer(
    {
      requestTimeout: 30_000,
      headersTimeout: 10_000,
      keepAliveTimeout: 5_000,
      maxHeaderSize: 16 * 1024,
      // Check those timeouts every second (Node's default is every 30 s), so slow clients go promptly.
      connectionsCheckingInterval: 1_000,
    },
    (req, res) => void router(req, res),
  );
  server.setTimeout(30_000);
  // Malformed requests refused by Node's own parser (before any route) still leave a trace; a flood of
  // them leaves at most a few lines a second.
  const parserLog = rateLimiter({ count: 5, windowMs: 1000 });
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (parserLog.take('all') === 0)
      log.warn({ code: error.code, reason: error.message }, 'malformed request refused');
    const status = PARSER_ERROR_STATUS[error.code ?? ''] ?? '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
    else socket.destroy();
  });
  await listen(server, config.port, config.host);
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${port}/`;
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
    idle: () => intake.idle(),
    close() {
      closing ??= (async () => {
        clearInterval(ticker);
        tus.close();
        const closed = new Promise<void>((done) => server.close(() => done()));
        server.closeIdleConnections();
        const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
        await Promise.race([intake.idle(), delay(SHUTDOWN_GRACE_MS)]);
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

function preflight(_req: unknown, res: import('node:http').ServerResponse): void {
  res
    .writeHead(204, {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'POST',
      'Access-Control-Max-Age': '86400',
    })
    .end();
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((done, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      fail(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} on ${host} is already in use: choose another with --port / PORTHOLE_PORT`)
          : error,
      );
    });
    // A deep accept queue: a crowd arriving at once waits in the kernel instead of being retried a second later.
    server.listen({ port, host, backlog: 4096 }, () => done());
  });
}

const delay = (ms: number) => new Promise((done) => setTimeout(done, ms).unref());
