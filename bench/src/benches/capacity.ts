/**
 * Bench 3, relay capacity: GET /frame (200 and 304) and GET /frames/<name> at each concurrency, against
 * the relay as its own process with a camera uploading every 2 s meanwhile (a moving scene for the 200 and
 * image runs, so every upload is encoded; a still scene for the 304 run, the only time a poller that follows
 * the `next` hint sees 304s); then the same bytes as static files from nginx, the ceiling.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Pointer } from '@porthole/protocol';
import { freePort, type LoadResult, runLoad, spawnRelay, TOKEN } from '@porthole/testing';
import { startCameraLoop } from '../camera-loop.ts';
import { startNginx } from '../nginx.ts';
import { LOOP_DIR } from '../repository-loop.ts';

export type LoadKind = 'frame-200' | 'frame-304' | 'variant';
export const KINDS: readonly LoadKind[] = ['frame-200', 'frame-304', 'variant'];

export interface CapacityRow extends LoadResult {
  server: 'relay' | 'nginx';
  kind: LoadKind;
  connections: number;
  /** Highest relay RSS sampled during this run, bytes (relay rows only). */
  relayRssBytes: number | null;
}

export interface CapacityResult {
  durationSeconds: number;
  rows: CapacityRow[];
  relayPeakRssBytes: number;
  relayIdleRssBytes: number;
  /** The load generator's own limit: nginx answering 204 with no body, at the lowest concurrency. */
  generatorCeiling: number | null;
  /** nginx master + worker, peak over its runs (VmHWM), bytes; null when skipped. */
  nginxPeakRssBytes: number | null;
  cameraUploads: number;
  cameraFailures: number;
  pointerBytes: number;
  /** The 640-px AVIF used for /frames/<name> rows, bytes. */
  variantBytes: number;
  nginxSkipped: string | null;
}

export interface CapacityOptions {
  connections: readonly number[];
  durationSeconds: number;
  moving: Buffer[];
  still: Buffer[];
  nginx: { binary: string } | { skip: string };
  log: (line: string) => void;
}

export async function benchCapacity(options: CapacityOptions): Promise<CapacityResult> {
  const { connections, durationSeconds, log } = options;
  const rows: CapacityRow[] = [];
  const relay = await spawnRelay({ loopDir: LOOP_DIR, args: ['--log-level', 'info'], inheritStderr: true });
  const idle = relay.memory().rss;
  const camera = startCameraLoop(relay.url, TOKEN, options.moving);
  const frameUrl = new URL('frame', relay.url);
  // Relay and nginx runs alternate, so whatever else the machine is doing weighs on both alike.
  const nginx = 'skip' in options.nginx ? undefined : await startStaticNginx(options.nginx.binary);
  let pointerBytes = 0;
  let nginxPeak: number | null = null;
  let peak = 0;
  let generatorCeiling: number | null = null;
  let variant: { name: string; data: Buffer } = { name: '', data: Buffer.alloc(0) };
  try {
    await waitForLive(frameUrl);
    // A fresh process runs cold (JIT, buffers): a short unmeasured load first, for both servers.
    await runLoad({ url: frameUrl.href, connections: 100, durationSeconds: 2 });
    if (nginx) {
      await nginx.serve(await (await fetch(frameUrl)).text(), variant);
      await runLoad({ url: new URL('/frame', nginx.url).href, connections: 100, durationSeconds: 2 });
    }
    for (const conns of connections) {
      for (const kind of KINDS) {
        let path = '/frame';
        let headers: Record<string, string> = {};
        camera.film(kind === 'frame-304' ? options.still : options.moving);
        if (kind === 'frame-304') {
          // Let one still frame be published; the noisy copies after it are then skipped by the change check.
          await new Promise((r) => setTimeout(r, 4_500));
          headers = { 'If-None-Match': (await fetch(frameUrl)).headers.get('etag')! };
        }
        if (kind === 'variant') {
          variant = await newestAvif(frameUrl);
          path = `/frames/${variant.name}`;
        }
        const pointerBody = await (await fetch(frameUrl)).text();
        pointerBytes = Buffer.byteLength(pointerBody);
        let rss = 0;
        const sampler = setInterval(() => {
          rss = Math.max(rss, relay.memory().rss);
        }, 200);
        const load = await runLoad({
          url: new URL(path, relay.url).href,
          headers,
          connections: conns,
          durationSeconds,
        });
        clearInterval(sampler);
        rss = Math.max(rss, relay.memory().rss);
        rows.push({ server: 'relay', kind, connections: conns, relayRssBytes: rss, ...load });
        log(describe('relay', kind, conns, load));
        if (!nginx) continue;
        const served = await nginx.serve(pointerBody, variant);
        const ceiling = await runLoad({
          url: new URL(path, nginx.url).href,
          headers: kind === 'frame-304' ? { 'If-None-Match': served.etag } : {},
          connections: conns,
          durationSeconds,
        });
        rows.push({ server: 'nginx', kind, connections: conns, relayRssBytes: null, ...ceiling });
        log(describe('nginx', kind, conns, ceiling));
      }
    }
    if (nginx) {
      const empty = await runLoad({
        url: new URL('/empty', nginx.url).href,
        connections: connections[0]!,
        durationSeconds,
      });
      generatorCeiling = empty.requestsPerSecond;
      log(`  nginx 204, no body: ${Math.round(generatorCeiling)} req/s (the load generator's ceiling)`);
    }
    peak = relay.memory().peak;
  } finally {
    await camera.stop();
    nginxPeak = nginx?.memory().peak ?? null;
    await nginx?.stop();
    await relay.stop();
  }
  return {
    durationSeconds,
    rows,
    relayPeakRssBytes: peak,
    relayIdleRssBytes: idle,
    nginxPeakRssBytes: nginxPeak,
    generatorCeiling,
    cameraUploads: camera.uploads,
    cameraFailures: camera.failures,
    pointerBytes,
    variantBytes: variant.data.length,
    nginxSkipped: 'skip' in options.nginx ? options.nginx.skip : null,
  };
}

/** nginx serving the relay's current pointer body and image as static files, with the same cache and CORS headers. */
async function startStaticNginx(binary: string) {
  const nginx = await startNginx(
    binary,
    await freePort(),
    () => `
    location = /frame {
      default_type application/json;
      add_header Access-Control-Allow-Origin *;
      add_header Cache-Control "public, max-age=1, stale-while-revalidate=4, stale-if-error=60";
      try_files /frame.json =404;
    }
    location /frames/ {
      add_header Access-Control-Allow-Origin *;
      add_header Cache-Control "public, max-age=31536000, immutable";
    }
    location = /empty { return 204; }`,
  );
  await mkdir(join(nginx.root, 'frames'));
  return {
    url: nginx.url,
    stop: nginx.stop,
    memory: nginx.memory,
    /** Publish these bytes; resolves with the pointer's ETag as nginx now serves it. */
    async serve(pointerBody: string, variant: { name: string; data: Buffer }) {
      // New files by rename, so nginx's open-file cache never sees a half-written one.
      await writeFile(join(nginx.root, 'frame.json.new'), pointerBody);
      await rename(join(nginx.root, 'frame.json.new'), join(nginx.root, 'frame.json'));
      if (variant.name) await writeFile(join(nginx.root, 'frames', variant.name), variant.data);
      // open_file_cache may hold the previous file for a moment; ask until the new one is served.
      for (let i = 0; i < 100; i++) {
        const res = await fetch(new URL('frame', nginx.url));
        if ((await res.text()) === pointerBody) return { etag: res.headers.get('etag')! };
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('nginx kept serving an old pointer');
    },
  };
}

function describe(server: string, kind: string, conns: number, load: LoadResult): string {
  return `  ${server.padEnd(5)} ${kind.padEnd(9)} ${String(conns).padStart(5)} conns: ${Math.round(load.requestsPerSecond)} req/s, p99 ${load.latencyP99Ms} ms, ${load.failures} failed`;
}

async function waitForLive(frameUrl: URL): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const res = await fetch(frameUrl);
    if (res.ok && ((await res.json()) as Pointer).mode === 'live') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the relay never went live');
}

async function newestAvif(frameUrl: URL): Promise<{ name: string; data: Buffer }> {
  const pointer = (await (await fetch(frameUrl)).json()) as Pointer;
  const chosen = pointer.variants.find((v) => v.format === 'avif' && v.width === 640) ?? pointer.variants[0]!;
  const url = new URL(chosen.url, frameUrl);
  const data = Buffer.from(await (await fetch(url)).arrayBuffer());
  return { name: url.pathname.split('/').pop()!, data };
}
