/**
 * The load soak: the relay in its own process, thousands of pollers on GET /frame and a camera uploading
 * distinct frames for the whole run, the relay's memory sampled as it goes. Long runs also hold slowloris
 * connections open from the start, to see the server's own timeouts cut them.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeJpeg, makeLoopDir, TOKEN, uploadWithTus } from '../../../relay/test/helpers.ts';
import { closestSource, grayThumb } from '../frame-match.ts';
import { fetchFrameOnAir } from '../frame-on-air.ts';
import { type LoadResult, load } from '../load.ts';
import { readCounters } from '../prometheus.ts';
import { spawnRelay } from '../relay-process.ts';
import { slowClients } from '../slow-client.ts';

export interface SoakOptions {
  seconds: number;
  pollers: number;
  /** GET /frame per second per poller (the island polls every second or two). */
  pollsPerSecond: number;
  /** The camera's interval between frames, ms. */
  cameraIntervalMs: number;
  /** Slowloris connections (headers and bodies) held from the start; 0 for none. */
  slowClients: number;
  sampleEveryMs?: number;
}

export interface SoakReport {
  polling: LoadResult;
  /** Relay RSS in MB, sampled every `sampleEveryMs`. */
  rssMb: number[];
  /** The relay's highest RSS over the whole run (VmHWM, between samples too), MB. */
  rssPeakMb: number;
  /** The relay's V8 heap in use, MB, sampled alongside (from its /metrics). */
  heapMb: number[];
  camera: { uploaded: number; failed: number };
  counters: { received: number; published: number; unchanged: number; dropped: number };
  lastFrameOnAir: boolean;
  /** Seconds after which the server had closed the slow connections (sorted); empty if none were opened. */
  slowClosedAfterS: number[];
  slowOpened: number;
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const dataDir = await mkdtemp(join(tmpdir(), 'porthole-soak-'));
  const loopDir = await makeLoopDir(2);
  const frames = await Promise.all(
    Array.from({ length: 24 }, (_, i) => makeJpeg(4000 + i, { width: 320, height: 240 })),
  );
  const thumbs = await Promise.all(frames.map(grayThumb));
  const relay = await spawnRelay({
    dataDir,
    loopDir,
    token: TOKEN,
    args: ['--widths', '160,320', '--offline-after', '60s'],
  });
  const rssMb: number[] = [];
  const heapMb: number[] = [];
  const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;
  const sampler = setInterval(() => {
    relay.rss().then(
      (bytes) => rssMb.push(mb(bytes)),
      () => {},
    );
    fetch(new URL('metrics', relay.url))
      .then((res) => res.text())
      .then((text) => {
        const used = /^porthole_process_nodejs_heap_size_used_bytes (\S+)$/m.exec(text)?.[1];
        if (used) heapMb.push(mb(Number(used)));
      })
      .catch(() => {});
  }, options.sampleEveryMs ?? 1000);
  const slow =
    options.slowClients > 0
      ? [
          slowClients(
            relay.url,
            options.slowClients / 2,
            'GET /frame HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ',
            200,
          ),
          slowClients(
            relay.url,
            options.slowClients / 2,
            'POST /wave HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n',
            200,
          ),
        ]
      : [];
  const camera = { uploaded: 0, failed: 0 };
  let last = -1;
  let stopped = false;
  const cameraRun = (async () => {
    for (let i = 0; !stopped; i++) {
      const started = performance.now();
      try {
        await uploadWithTus(relay.url, frames[i % frames.length]!);
        camera.uploaded++;
        last = i % frames.length;
      } catch {
        camera.failed++;
      }
      await new Promise((r) =>
        setTimeout(r, Math.max(0, options.cameraIntervalMs - (performance.now() - started))),
      );
    }
  })();
  try {
    const polling = await load({
      url: new URL('frame', relay.url).href,
      connections: options.pollers,
      duration: options.seconds,
      connectionRate: options.pollsPerSecond,
    });
    stopped = true;
    await cameraRun;
    // Let the last frame through the encoder, then check the books.
    await new Promise((r) => setTimeout(r, 1000));
    const c = await readCounters(relay.url);
    const onAir = await fetchFrameOnAir(relay.url);
    const jpeg = onAir.variants.filter((v) => v.format === 'jpeg').sort((a, b) => b.width - a.width)[0]!;
    const shown = await closestSource(jpeg.data, thumbs);
    const rssPeakMb = await peakRss(relay.pid).then(mb, () => Math.max(0, ...rssMb));
    const slowClosedAfterS = slow
      .flatMap((s) => s.closed.map((ms) => Math.round(ms / 100) / 10))
      .sort((a, b) => a - b);
    return {
      polling,
      rssMb,
      rssPeakMb,
      heapMb,
      camera,
      counters: {
        received: c.uploads.tus,
        published: c.published,
        unchanged: c.unchanged,
        dropped: c.dropped,
      },
      lastFrameOnAir: shown.index === last && shown.distance < 8,
      slowClosedAfterS,
      slowOpened: options.slowClients,
    };
  } finally {
    stopped = true;
    clearInterval(sampler);
    for (const s of slow) s.stop();
    await relay.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(loopDir, { recursive: true, force: true });
  }
}

async function peakRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/** Problems with a soak's figures, as sentences; empty when the run was clean. */
export function soakProblems(report: SoakReport): string[] {
  const problems: string[] = [];
  const { polling, camera, counters, rssMb } = report;
  if (polling.errors > 0 || polling.timeouts > 0)
    problems.push(`pollers saw ${polling.errors} errors, ${polling.timeouts} timeouts`);
  const other = Object.entries(polling.statuses).filter(([code]) => code !== '200');
  if (other.length > 0)
    problems.push(`pollers got non-200 answers: ${JSON.stringify(Object.fromEntries(other))}`);
  if (camera.failed > 0) problems.push(`${camera.failed} camera uploads failed`);
  if (counters.received !== camera.uploaded)
    problems.push(`the relay received ${counters.received} of ${camera.uploaded} uploads`);
  const accounted = counters.published + counters.unchanged + counters.dropped;
  if (accounted !== counters.received)
    problems.push(`${counters.received} received but ${accounted} published or skipped`);
  if (!report.lastFrameOnAir) problems.push('the last uploaded frame is not on air');
  // Flat memory: the second half of the run may not sit far above the first half's peak.
  const half = Math.floor(rssMb.length / 2);
  if (half >= 4) {
    const firstPeak = Math.max(...rssMb.slice(1, half));
    const secondPeak = Math.max(...rssMb.slice(half));
    if (secondPeak > firstPeak * 1.25 + 20)
      problems.push(`RSS grew from a ${firstPeak} MB peak to ${secondPeak} MB`);
  }
  if (report.slowOpened > 0 && report.slowClosedAfterS.length < report.slowOpened)
    problems.push(
      `${report.slowOpened - report.slowClosedAfterS.length} slow connections were never cut by the server`,
    );
  return problems;
}

export function describeSoak(report: SoakReport): string {
  const { polling, rssMb, camera, counters } = report;
  const half = Math.floor(rssMb.length / 2);
  const halves =
    half >= 2
      ? `; highest sample in the first half ${Math.max(...rssMb.slice(0, half))} MB, in the second ${Math.max(...rssMb.slice(half))} MB`
      : '';
  const rss =
    rssMb.length > 0
      ? `start ${rssMb[0]} MB, end ${rssMb.at(-1)} MB, peak ${report.rssPeakMb} MB (VmHWM; samples min ${Math.min(...rssMb)}, max ${Math.max(...rssMb)})${halves}`
      : 'n/a';
  const every = Math.max(1, Math.floor(rssMb.length / 12));
  return [
    `pollers: ${polling.requests} GET /frame (${Math.round(polling.rps)}/s), p50 ${polling.p50} ms, p99 ${polling.p99} ms, max ${polling.max} ms, errors ${polling.errors}, timeouts ${polling.timeouts}, statuses ${JSON.stringify(polling.statuses)}`,
    `camera: ${camera.uploaded} uploads, ${camera.failed} failed; relay: received ${counters.received}, published ${counters.published}, unchanged ${counters.unchanged}, dropped for a newer frame ${counters.dropped}; last frame on air: ${report.lastFrameOnAir}`,
    `relay RSS: ${rss}; samples: ${rssMb.filter((_, i) => i % every === 0).join(' ')}`,
    `relay heap in use, MB: ${report.heapMb.filter((_, i) => i % every === 0).join(' ')}`,
    report.slowOpened > 0
      ? `slowloris: ${report.slowOpened} opened, ${report.slowClosedAfterS.length} cut by the server, after ${report.slowClosedAfterS[0] ?? '-'}–${report.slowClosedAfterS.at(-1) ?? '-'} s`
      : 'slowloris: none in this run',
  ].join('\n');
}
