/** The route table: every path the relay answers, its handler, and which methods need a token. */
import { PATHS } from '@porthole/protocol';
import type { RelayConfig } from './config.ts';
import { controlRoute } from './control/control-route.ts';
import { latestRoute } from './delivery/latest-route.ts';
import { pointerRoute } from './delivery/pointer-route.ts';
import { posterRoute } from './delivery/poster-route.ts';
import { statusRoutes } from './delivery/status-routes.ts';
import { variantRoute } from './delivery/variant-route.ts';
import type { viewerCounter } from './delivery/viewers.ts';
import type { Feed } from './feed/feed.ts';
import { corsPreflight } from './http/cors.ts';
import { rateLimiter } from './http/rate-limit.ts';
import type { Route } from './http/router.ts';
import { legacyUploadRoute } from './ingest/legacy-upload.ts';
import type { AcceptFrame, TusIngest } from './ingest/tus-ingest.ts';
import type { Metrics } from './metrics.ts';
import type { FrameStore } from './store/frame-store.ts';
import type { WaveCounter } from './waves/wave-counter.ts';
import { waveRoute } from './waves/wave-route.ts';

export interface RouteDeps {
  config: RelayConfig;
  feed: Feed;
  frames: FrameStore;
  metrics: Metrics;
  waves: WaveCounter;
  viewers: ReturnType<typeof viewerCounter>;
  accept: AcceptFrame;
  tus: TusIngest;
  clientAddress: (req: Parameters<Route['methods'][string]>[0]) => string;
}

export function routeTable(deps: RouteDeps): Route[] {
  const { config, feed, frames, metrics, waves, viewers, clientAddress } = deps;
  const statuses = statusRoutes({
    feed,
    metrics,
    wavesNow: () => waves.recent(Date.now()),
    viewersNow: viewers.estimate,
  });
  const wave = waveRoute({
    waves,
    onWave: feed.waved,
    countAccepted: () => metrics.waves.inc(),
    perClient: rateLimiter(config.waveRate),
    overall: rateLimiter(config.waveGlobalRate),
    clientAddress,
  });
  const pointer = pointerRoute({
    feed,
    sawViewer: (req) => viewers.seen(`${clientAddress(req)} ${req.headers['user-agent'] ?? ''}`),
  });
  const upload = legacyUploadRoute({
    accept: deps.accept,
    maxUpload: config.maxUpload,
    takeWaves: waves.takeSinceUpload,
  });
  const tus: Route['methods'][string] = (req, res) => deps.tus.handle(req, res);
  const tusMethods = { OPTIONS: tus, POST: tus, HEAD: tus, PATCH: tus, DELETE: tus };
  return [
    { name: 'frame', path: PATHS.pointer, methods: { GET: pointer } },
    { name: 'frames', path: PATHS.variants, methods: { GET: variantRoute(frames) } },
    { name: 'latest', path: PATHS.latest, methods: { GET: latestRoute({ feed, frames }) } },
    { name: 'poster', path: PATHS.poster, methods: { GET: posterRoute({ feed, frames }) } },
    { name: 'status', path: PATHS.status, methods: { GET: statuses.status } },
    { name: 'healthz', path: PATHS.healthz, methods: { GET: statuses.healthz } },
    { name: 'metrics', path: PATHS.metrics, methods: { GET: statuses.metrics } },
    { name: 'wave', path: PATHS.wave, methods: { POST: wave, OPTIONS: corsPreflight('POST') } },
    { name: 'control', path: PATHS.control, write: ['POST'], methods: { POST: controlRoute(feed) } },
    { name: 'upload', path: PATHS.legacyUpload, write: ['POST'], methods: { POST: upload } },
    { name: 'tus', path: `${PATHS.tus}/`, write: ['POST', 'HEAD', 'PATCH', 'DELETE'], methods: tusMethods },
    { name: 'tus', path: PATHS.tus, write: ['POST'], methods: { OPTIONS: tus, POST: tus } },
  ];
}
