/**
 * The hostile visitor's notebook: polls the relay's public GETs and writes down every answer. The
 * pointer is polled when its `next` says, every new variant is fetched whole; /healthz is timed every
 * ~100 ms; /status and /metrics are read each second (a refusal is written down too).
 */

import { HEADERS, PATHS, type Pointer } from '@porthole/protocol';
import { parseMetrics } from '@porthole/testing';
import type {
  MetricsSample,
  PointerSample,
  Recording,
  StatusSample,
  TimedSample,
  VariantSample,
} from './recording.ts';

export interface RecorderOptions {
  base: string;
  /** Sent as `X-Forwarded-For`, so a relay that trusts its proxy sees a visitor from elsewhere, not loopback. */
  visitorAddress?: string;
  healthzEveryMs?: number;
  statusEveryMs?: number;
  metricsEveryMs?: number;
}

const REQUEST_TIMEOUT_MS = 5_000;

export interface Recorder {
  /** Stop polling; resolves with everything seen. */
  stop(): Promise<Recording>;
}

export function startRecorder(options: RecorderOptions): Recorder {
  const { base } = options;
  const recording: Recording = {
    startedAt: Date.now(),
    endedAt: 0,
    pointers: [],
    variants: [],
    healthz: [],
    status: [],
    metrics: [],
  };
  let stopped = false;
  // Sleeps end early when the recorder stops, so stop() never waits out a 10 s poll hint.
  const sleepers = new Set<() => void>();
  const sleep = (ms: number) =>
    new Promise<void>((done) => {
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        done();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });
  const url = (path: string) => new URL(`.${path}`, base);

  async function timed(path: string, headers: Record<string, string> = {}) {
    const at = Date.now();
    const t = performance.now();
    const forwarded = options.visitorAddress ? { 'X-Forwarded-For': options.visitorAddress } : {};
    // Bounded, so a stuck relay never keeps the recorder (and stop()) waiting.
    const res = await fetch(url(path), {
      headers: { ...forwarded, ...headers },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const body = Buffer.from(await res.arrayBuffer());
    return { at, ms: performance.now() - t, res, body };
  }

  async function pollPointer(): Promise<void> {
    let etag = '';
    let last: PointerSample | undefined;
    const seen = new Set<string>();
    while (!stopped) {
      let wait = 250;
      try {
        const { at, res, body } = await timed(PATHS.pointer, etag ? { 'If-None-Match': etag } : {});
        const hint = Number(res.headers.get(HEADERS.next));
        if (res.status === 200) {
          const pointer = JSON.parse(body.toString('utf8')) as Pointer;
          etag = res.headers.get('etag') ?? '';
          last = { at, status: 200, ...pointer };
          recording.pointers.push(last);
          const fresh = pointer.variants.filter((v) => !seen.has(v.url));
          for (const v of fresh) seen.add(v.url);
          await Promise.all(fresh.map((v) => fetchVariant(v, last!)));
        } else if (res.status === 304 && last) {
          recording.pointers.push({ ...last, at, status: 304, next: hint });
        }
        if (Number.isFinite(hint) && hint > 0) wait = hint;
      } catch {
        wait = 500;
      }
      await sleep(wait);
    }
  }

  async function fetchVariant(variant: Pointer['variants'][number], pointer: PointerSample): Promise<void> {
    const { at, res, body } = await timed(`/${variant.url}`);
    const sample: VariantSample = {
      at,
      seq: pointer.seq,
      mode: pointer.mode,
      format: variant.format,
      width: variant.width,
      url: variant.url,
      bytes: variant.bytes,
      contentLength: Number(res.headers.get('content-length') ?? body.length),
      status: res.status,
      // Pixels are read from the JPEG (the sharpest); the other formats are measured, not kept.
      data: variant.format === 'jpeg' ? body : Buffer.alloc(0),
    };
    recording.variants.push(sample);
  }

  async function every(ms: number, read: () => Promise<void>): Promise<void> {
    while (!stopped) {
      const started = performance.now();
      try {
        await read();
      } catch {
        // The relay is busy or gone: nothing to write down this time.
      }
      await sleep(Math.max(0, ms - (performance.now() - started)));
    }
  }

  const loops = [
    pollPointer(),
    every(options.healthzEveryMs ?? 100, async () => {
      const { at, ms, res } = await timed(PATHS.healthz);
      recording.healthz.push({ at, ms, status: res.status } satisfies TimedSample);
    }),
    every(options.statusEveryMs ?? 1000, async () => {
      const { at, ms, res, body } = await timed(PATHS.status);
      const sample: StatusSample = { at, ms, status: res.status };
      if (res.status === 200) sample.body = JSON.parse(body.toString('utf8'));
      recording.status.push(sample);
    }),
    every(options.metricsEveryMs ?? 1000, async () => {
      const { at, ms, res, body } = await timed(PATHS.metrics);
      const sample: MetricsSample = { at, ms, status: res.status };
      if (res.status === 200) sample.values = Object.fromEntries(parseMetrics(body.toString('utf8')));
      recording.metrics.push(sample);
    }),
  ];

  let stopping: Promise<Recording> | undefined;
  return {
    stop() {
      stopping ??= (async () => {
        stopped = true;
        for (const wake of [...sleepers]) wake();
        await Promise.all(loops);
        recording.endedAt = Date.now();
        return recording;
      })();
      return stopping;
    },
  };
}
