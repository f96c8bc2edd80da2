/**
 * Bench 3, relay capacity: GET /frame (200 and 304) and GET /frames/<name> at each concurrency, against
 * the relay as its own process with a camera uploading every 2 s meanwhile (a moving scene for the 200 and
 * image runs, so every upload is encoded; a still scene for the 304 run, the only time a poller that follows
 * the `next` hint sees 304s); then the same bytes as static files from nginx, the ceiling, and from a bare
 * Node `http` server with the relay's own headers, which shows what the relay adds to Node.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startCameraLoop } from '../camera-loop.ts';
import { type LoadResult, runLoad } from '../load.ts';
import { TOKEN } from '../local-relay.ts';
import { freePort, startNginx } from '../nginx.ts';
import { startRelayProcess } from '../relay-process.ts';
import { startBareNode } from './bare-node.ts';

export type LoadKind = 'frame-200' | 'frame-304' | 'variant';
export const KINDS: readonly LoadKind[] = ['frame-200', 'frame-304', 'variant'];

export type Server = 'relay' | 'nginx' | 'node';

export interface CapacityRow extends LoadResult {
  server: Server;
  kind: LoadKind;
  connections: number;
  /** Highest RSS of this row's server sampled during the run, bytes (before 2026-12: relay rows only). */
  rssBytes?: number | null;
  /** CPU time (user + system) of the server's event loop per response during the run, µs (main threads
   * only: not the relay's encoder threads; absent before 2026-12). */
  cpuMicrosPerResponse?: number;
  /** @deprecated results.json before 2026-12: `rssBytes` of relay rows. */
  relayRssBytes?: number | null;
}

/** A server's resident memory, bytes: after start-up (the relay: with its loop loaded) and the highest
 * sampled during the runs at the highest connection count. */
export interface ServerMemory {
  idle: number;
  atMostConnections: number;
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
  /** Each server's idle and busiest RSS (absent in results.json before 2026-12). */
  memory?: Partial<Record<Server, ServerMemory>>;
  /** The environment the relay ran with, beyond the bench's own (absent before 2026-12). */
  relayEnvironment?: Record<string, string>;
  cameraUploads: number;
  cameraFailures: number;
  pointerBytes: number;
  /** The 640-px AVIF used for /frames/<name> rows, bytes. */
  variantBytes: number;
  nginxSkipped: string | null;
}

interface Pointer {
  variants: { format: string; width: number; bytes: number; url: string }[];
}

export interface CapacityOptions {
  connections: readonly number[];
  durationSeconds: number;
  moving: Buffer[];
  still: Buffer[];
  nginx: { binary: string } | { skip: string };
  log: (line: string) => void;
}

/**
 * The glibc and V8 settings relay/README.md's systemd unit and the Dockerfile run the relay with: two malloc
 * arenas instead of one per encoder thread, and a young generation of 2 × 4 MB instead of 2 × 16 MB.
 */
export const RELAY_ENVIRONMENT = { MALLOC_ARENA_MAX: '2', NODE_OPTIONS: '--max-semi-space-size=4' };

export async function benchCapacity(options: CapacityOptions): Promise<CapacityResult> {
  const { connections, durationSeconds, log } = options;
  const rows: CapacityRow[] = [];
  const relay = await withEnvironment(RELAY_ENVIRONMENT, () => startRelayProcess());
  const idle = relay.memory().rss;
  const camera = startCameraLoop(relay.url, TOKEN, options.moving);
  const frameUrl = new URL('frame', relay.url);
  // Relay, nginx and bare Node runs alternate, so whatever else the machine is doing weighs on all alike.
  const nginx = 'skip' in options.nginx ? undefined : await startStaticNginx(options.nginx.binary);
  const node = await startBareNode(RELAY_ENVIRONMENT);
  const memory: Partial<Record<Server, ServerMemory>> = {
    relay: { idle, atMostConnections: 0 },
    node: { idle: node.memory().rss, atMostConnections: 0 },
    ...(nginx ? { nginx: { idle: nginx.memory().rss, atMostConnections: 0 } } : {}),
  };
  const most = Math.max(...connections);
  const pids: Record<Server, () => number | undefined> = {
    relay: () => relay.pid,
    nginx: () => nginx?.pid(),
    node: () => node.pid,
  };
  /** One measured run, with the server's RSS sampled throughout and its CPU time counted. */
  const measure = async (
    server: Server,
    conns: number,
    sample: () => number,
    run: () => Promise<LoadResult>,
  ) => {
    let rss = sample();
    const sampler = setInterval(() => {
      rss = Math.max(rss, sample());
    }, 200);
    const pid = pids[server]();
    const cpuBefore = pid ? mainThreadsCpuMs(pid) : 0;
    const load = await run().finally(() => clearInterval(sampler));
    const cpuMs = pid ? mainThreadsCpuMs(pid) - cpuBefore : 0;
    rss = Math.max(rss, sample());
    const held = memory[server];
    if (held && conns === most) held.atMostConnections = Math.max(held.atMostConnections, rss);
    const cpuMicrosPerResponse = (cpuMs * 1000) / Math.max(1, load.responses);
    return { load: { ...load, cpuMicrosPerResponse }, rss };
  };
  let pointerBytes = 0;
  let nginxPeak: number | null = null;
  let peak = 0;
  let generatorCeiling: number | null = null;
  let variant: { name: string; data: Buffer } = { name: '', data: Buffer.alloc(0) };
  try {
    await waitForLive(frameUrl);
    // A fresh process runs cold (JIT, buffers): a short unmeasured load first, for both servers.
    await runLoad({ url: relay.url, path: '/frame', connections: 100, durationSeconds: 2 });
    await node.copyFrom(relay.url, '/frame');
    await runLoad({ url: node.url, path: '/frame', connections: 100, durationSeconds: 2 });
    if (nginx) {
      await nginx.serve(await (await fetch(frameUrl)).text(), variant);
      await runLoad({ url: nginx.url, path: '/frame', connections: 100, durationSeconds: 2 });
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
        const relayRun = await measure(
          'relay',
          conns,
          () => relay.memory().rss,
          () => runLoad({ url: relay.url, path, headers, connections: conns, durationSeconds }),
        );
        rows.push({ server: 'relay', kind, connections: conns, rssBytes: relayRun.rss, ...relayRun.load });
        log(describe('relay', kind, conns, relayRun.load));
        if (nginx) {
          const served = await nginx.serve(pointerBody, variant);
          const nginxRun = await measure(
            'nginx',
            conns,
            () => nginx.memory().rss,
            () =>
              runLoad({
                url: nginx.url,
                path,
                headers: kind === 'frame-304' ? { 'If-None-Match': served.etag } : {},
                connections: conns,
                durationSeconds,
              }),
          );
          rows.push({ server: 'nginx', kind, connections: conns, rssBytes: nginxRun.rss, ...nginxRun.load });
          log(describe('nginx', kind, conns, nginxRun.load));
        }
        const copied = await node.copyFrom(relay.url, kind === 'variant' ? path : '/frame');
        const nodeRun = await measure(
          'node',
          conns,
          () => node.memory().rss,
          () =>
            runLoad({
              url: node.url,
              path,
              headers: kind === 'frame-304' ? { 'If-None-Match': copied.etag } : {},
              connections: conns,
              durationSeconds,
            }),
        );
        rows.push({ server: 'node', kind, connections: conns, rssBytes: nodeRun.rss, ...nodeRun.load });
        log(describe('node', kind, conns, nodeRun.load));
      }
    }
    if (nginx) {
      const empty = await runLoad({
        url: nginx.url,
        path: '/empty',
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
    await node.stop();
    await relay.stop();
  }
  return {
    durationSeconds,
    rows,
    relayPeakRssBytes: peak,
    relayIdleRssBytes: idle,
    nginxPeakRssBytes: nginxPeak,
    memory,
    relayEnvironment: RELAY_ENVIRONMENT,
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
    /** The master's pid, from the pid file beside the served folder (its worker is its child). */
    pid: () => Number(readFileSync(join(nginx.root, '..', 'nginx.pid'), 'utf8')),
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

/**
 * CPU time (user + system) of the main thread of a process and of its direct children (nginx's worker) so
 * far, ms: the event loop that answers requests, without the encoder threads working on the camera's
 * frames meanwhile. Linux counts it in clock ticks of 10 ms, fine against runs of seconds.
 */
function mainThreadsCpuMs(pid: number): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parent = Number(statFields(`/proc/${entry}/stat`)[1]);
      if (Number(entry) !== pid && parent !== pid) continue;
      const main = statFields(`/proc/${entry}/task/${entry}/stat`);
      ticks += Number(main[11]) + Number(main[12]);
    } catch {
      // The process ended while we looked.
    }
  }
  return ticks * 10;
}

/** The fields of a /proc stat line after the command name (which may hold spaces). */
function statFields(path: string): string[] {
  const stat = readFileSync(path, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** Run with these variables added to the environment (children started meanwhile inherit them). */
async function withEnvironment<T>(extra: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(extra).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(extra))
    process.env[k] = k === 'NODE_OPTIONS' && saved[k] ? `${saved[k]} ${v}` : v;
  try {
    return await work();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

function describe(server: string, kind: string, conns: number, load: LoadResult): string {
  return `  ${server.padEnd(5)} ${kind.padEnd(9)} ${String(conns).padStart(5)} conns: ${Math.round(load.requestsPerSecond)} req/s, p99 ${load.latencyP99Ms} ms, ${load.failures} failed`;
}

async function waitForLive(frameUrl: URL): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const res = await fetch(frameUrl);
    if (res.ok && ((await res.json()) as { mode: string }).mode === 'live') return;
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
