/**
 * Bench 4, a CDN stand-in: nginx with proxy_cache in front of the relay (the relay's own Cache-Control
 * decides: max-age=1 with stale-while-revalidate for the pointer, immutable for images), the same load as
 * bench 3, and the relay's own request counter read before and after to see what reaches it.
 */
import type { Pointer } from '@porthole/protocol';
import {
  freePort,
  type LoadResult,
  metricSum,
  readMetrics,
  runLoad,
  spawnRelay,
  TOKEN,
} from '@porthole/testing';
import { startCameraLoop } from '../camera-loop.ts';
import { startNginx } from '../nginx.ts';
import { LOOP_DIR } from '../repository-loop.ts';

export interface CdnRow extends LoadResult {
  path: 'frame' | 'variant';
  connections: number;
  /** Requests for this route that reached the relay, per second of load. */
  relayRequestsPerSecond: number;
}

export interface CdnResult {
  durationSeconds: number;
  /** The pointer's shared-cache lifetime, from the relay's Cache-Control. */
  pointerCacheControl: string;
  rows: CdnRow[];
  skipped: string | null;
}

export async function benchCdn(options: {
  connections: readonly number[];
  durationSeconds: number;
  moving: Buffer[];
  nginx: { binary: string } | { skip: string };
  log: (line: string) => void;
}): Promise<CdnResult> {
  const { durationSeconds } = options;
  if ('skip' in options.nginx)
    return { durationSeconds, pointerCacheControl: '', rows: [], skipped: options.nginx.skip };
  const relay = await spawnRelay({ loopDir: LOOP_DIR, args: ['--log-level', 'info'], inheritStderr: true });
  const camera = startCameraLoop(relay.url, TOKEN, options.moving);
  const upstream = new URL(relay.url);
  const edge = await startNginx(
    options.nginx.binary,
    await freePort(),
    (dir) => `
    location / {
      proxy_pass http://porthole_relay;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_cache porthole;
      proxy_cache_lock on;
      proxy_cache_revalidate on;
      proxy_cache_background_update on;
      proxy_cache_use_stale updating error timeout http_500 http_502 http_503 http_504;
      add_header X-Cache $upstream_cache_status;
    }
  }
  proxy_cache_path ${dir}/cache levels=1:2 keys_zone=porthole:10m max_size=200m inactive=10m use_temp_path=off;
  upstream porthole_relay {
    server ${upstream.host};
    keepalive 16;`,
  );
  const rows: CdnRow[] = [];
  let pointerCacheControl = '';
  try {
    const frameUrl = new URL('frame', relay.url);
    for (let i = 0; i < 300; i++) {
      const res = await fetch(frameUrl);
      pointerCacheControl = res.headers.get('cache-control') ?? '';
      if (res.ok && ((await res.json()) as Pointer).mode === 'live') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    for (const conns of options.connections) {
      for (const path of ['frame', 'variant'] as const) {
        let target = '/frame';
        if (path === 'variant') {
          const pointer = (await (await fetch(frameUrl)).json()) as Pointer;
          const v = pointer.variants.find((x) => x.format === 'avif' && x.width === 640)!;
          target = new URL(v.url, frameUrl).pathname;
        }
        const route = path === 'frame' ? 'route="frame"' : 'route="frames"';
        const before = metricSum(await readMetrics(relay.url), 'porthole_http_requests_total', route);
        const started = performance.now();
        const load = await runLoad({
          url: new URL(target, edge.url).href,
          connections: conns,
          durationSeconds,
        });
        const seconds = (performance.now() - started) / 1000;
        const after = metricSum(await readMetrics(relay.url), 'porthole_http_requests_total', route);
        const relayRequestsPerSecond = (after - before) / seconds;
        rows.push({ path, connections: conns, relayRequestsPerSecond, ...load });
        options.log(
          `  edge   ${path.padEnd(9)} ${String(conns).padStart(5)} conns: ${Math.round(load.requestsPerSecond)} req/s at the edge, ${relayRequestsPerSecond.toFixed(2)} req/s reach the relay`,
        );
      }
    }
  } finally {
    await camera.stop();
    await edge.stop();
    await relay.stop();
  }
  return { durationSeconds, pointerCacheControl, rows, skipped: null };
}
