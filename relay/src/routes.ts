/** The route table: every path the relay answers, its handler, and the token scope each method needs. */
import { PATHS, type PrivacyStatus } from '@porthole/protocol';
import type { RelayConfig } from './config.ts';
import { controlRoute } from './control/control-route.ts';
import { latestRoute } from './delivery/latest-route.ts';
import { pointerRoute } from './delivery/pointer-route.ts';
import { posterRoute } from './delivery/poster-route.ts';
import { statusRoutes } from './delivery/status-routes.ts';
import { variantRoute } from './delivery/variant-route.ts';
import { videoRoute } from './delivery/video-route.ts';
import type { viewerCounter } from './delivery/viewers.ts';
import type { Feed } from './feed/feed.ts';
import { corsPreflight } from './http/cors.ts';
import { rateLimiter } from './http/rate-limit.ts';
import type { Route } from './http/router.ts';
import { legacyUploadRoute } from './ingest/legacy-upload.ts';
import { type AcceptFrame, TUS_ROUTE, type TusIngest } from './ingest/tus-ingest.ts';
import type { Metrics } from './metrics.ts';
import type { FrameStore } from './store/frame-store.ts';
import type { Tape } from './video/tape.ts';
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
  /** The video tape, when the relay encodes video. */
  tape?: Tape;
  clientAddress: (req: Parameters<Route['methods'][string]>[0]) => string;
  /** The owner (control token, or this machine) sees upload times and privacy windows in /status. */
  isOwner: (req: Parameters<Route['methods'][string]>[0]) => boolean;
  privacyState: () => PrivacyStatus;
}

/** Every tus method but OPTIONS (the CORS preflight, which carries no token) is the camera's. */
const INGEST_TUS = { POST: 'ingest', HEAD: 'ingest', PATCH: 'ingest', DELETE: 'ingest' } as const;

export function routeTable(deps: RouteDeps): Route[] {
  const { config, feed, frames, metrics, waves, viewers, clientAddress } = deps;
  const statuses = statusRoutes({
    feed,
    metrics,
    isOwner: deps.isOwner,
    privacyState: deps.privacyState,
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
  const sawViewer = (req: Parameters<typeof clientAddress>[0]) =>
    viewers.seen(`${clientAddress(req)} ${req.headers['user-agent'] ?? ''}`);
  const pointer = pointerRoute({ feed, sawViewer });
  const video =
    deps.tape && videoRoute({ tape: deps.tape, wavesNow: () => waves.recent(Date.now()), sawViewer });
  const upload = legacyUploadRoute({
    accept: deps.accept,
    maxUpload: config.maxUpload,
    takeWaves: waves.takeSinceUpload,
  });
  const control = controlRoute(feed);
  const tus: Route['methods'][string] = (req, res) => deps.tus.handle(req, res);
  const tusMethods = { OPTIONS: tus, POST: tus, HEAD: tus, PATCH: tus, DELETE: tus };
  return [
    { name: 'frame', path: PATHS.pointer, methods: { GET: pointer } },
    { name: 'frames', path: PATHS.variants, methods: { GET: variantRoute(frames) } },
    ...(video ? [{ name: 'video', path: PATHS.video, methods: { GET: video } }] : []),
    { name: 'latest', path: PATHS.latest, methods: { GET: latestRoute({ feed, frames }) } },
    { name: 'poster', path: PATHS.poster, methods: { GET: posterRoute({ feed, frames }) } },
    {
      name: 'status',
      path: PATHS.status,
      methods: { GET: statuses.status, OPTIONS: corsPreflight('GET', 'Authorization') },
    },
    { name: 'healthz', path: PATHS.healthz, methods: { GET: statuses.healthz } },
    {
      name: 'metrics',
      path: PATHS.metrics,
      scopes: { GET: 'control' },
      localNeedsNoToken: true,
      methods: { GET: statuses.metrics },
    },
    { name: 'wave', path: PATHS.wave, methods: { POST: wave, OPTIONS: corsPreflight('POST') } },
    { name: 'control', path: PATHS.control, scopes: { POST: 'control' }, methods: { POST: control } },
    { name: 'upload', path: PATHS.legacyUpload, scopes: { POST: 'ingest' }, methods: { POST: upload } },
    { name: 'tus', path: `${PATHS.tus}/`, scopes: INGEST_TUS, methods: tusMethods, ...TUS_ROUTE },
    {
      name: 'tus',
      path: PATHS.tus,
      scopes: { POST: 'ingest' },
      methods: { OPTIONS: tus, POST: tus },
      ...TUS_ROUTE,
    },
  ];
}
