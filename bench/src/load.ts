/**
 * One bounded load run with autocannon on loopback. Throughput is the median of the per-second response
 * counts, so the seconds spent opening 10,000 connections (SYN backlog, retransmits) and the tail do not
 * dilute it; latency is autocannon's (per request, connection set-up excluded).
 */
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  path: string;
  /** Sent with every request, e.g. `If-None-Match` for pollers that already hold the current frame. */
  headers?: Record<string, string>;
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** Mean bytes per response on the wire (autocannon's throughput over its request count). */
  bytesPerResponse: number;
  responses: number;
  ok2xx: number;
  notModified: number;
  /** Responses other than 2xx/304, plus connection errors (timeouts included). */
  failures: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const perSecond = new Map<number, number>();
  let notModified = 0;
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: new URL(options.path, options.url).href,
        connections: options.connections,
        duration: options.durationSeconds,
        timeout: 10,
        headers: options.headers ?? {},
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, status) => {
      const second = Math.floor((performance.now() - started) / 1000);
      perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
      if (status === 304) notModified++;
    });
  });
  const counts = [...perSecond.entries()].sort((a, b) => a[0] - b[0]).map(([, n]) => n);
  // Drop the first and last (partial) seconds when there are enough to spare.
  const steady = counts.length > 3 ? counts.slice(1, -1) : counts;
  const responses = counts.reduce((a, b) => a + b, 0);
  return {
    requestsPerSecond: median(steady),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    bytesPerResponse: responses > 0 ? result.throughput.total / responses : 0,
    responses,
    ok2xx: result['2xx'],
    notModified,
    failures: result.non2xx - notModified + result.errors,
  };
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
