/** The route table: every path the relay answers, its methods, and which of them need a token. */
import { PATHS } from '@porthole/protocol';
import type { Route } from './http/router.ts';

type Handler = Route['methods'][string];

export interface RouteHandlers {
  pointer: Handler;
  variant: Handler;
  latest: Handler;
  status: Handler;
  healthz: Handler;
  metrics: Handler;
  wave: Handler;
  wavePreflight: Handler;
  control: Handler;
  legacyUpload: Handler;
  tus: Handler;
}

export function routeTable(h: RouteHandlers): Route[] {
  const tus = { OPTIONS: h.tus, POST: h.tus, HEAD: h.tus, PATCH: h.tus, DELETE: h.tus };
  return [
    { name: 'frame', path: PATHS.pointer, methods: { GET: h.pointer } },
    { name: 'frames', path: PATHS.variants, methods: { GET: h.variant } },
    { name: 'latest', path: PATHS.latest, methods: { GET: h.latest } },
    { name: 'status', path: PATHS.status, methods: { GET: h.status } },
    { name: 'healthz', path: PATHS.healthz, methods: { GET: h.healthz } },
    { name: 'metrics', path: PATHS.metrics, methods: { GET: h.metrics } },
    { name: 'wave', path: PATHS.wave, methods: { POST: h.wave, OPTIONS: h.wavePreflight } },
    { name: 'control', path: PATHS.control, write: ['POST'], methods: { POST: h.control } },
    { name: 'upload', path: PATHS.legacyUpload, write: ['POST'], methods: { POST: h.legacyUpload } },
    { name: 'tus', path: `${PATHS.tus}/`, write: ['POST', 'HEAD', 'PATCH', 'DELETE'], methods: tus },
    { name: 'tus', path: PATHS.tus, write: ['POST'], methods: { OPTIONS: h.tus, POST: h.tus } },
  ];
}
