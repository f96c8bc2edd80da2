/**
 * One bounded load run with autocannon on loopback. Throughput is the median of the per-second response
 * counts, so the seconds spent opening thousands of connections (SYN backlog, retransmits) and the tail do
 * not dilute it; latency is autocannon's (per request, connection set-up excluded).
 */
import type autocannon from 'autocannon';

export interface LoadOptions {
  /** Where every request goes. */
  url: string;
  connections: number;
  durationSeconds: number;
  method?: 'GET' | 'POST';
  /** Sent with every request, e.g. `If-None-Match` for pollers that already hold the current frame. */
  headers?: Record<string, string>;
  body?: string;
  /** Per-request timeout in seconds (a timeout counts as an error); 10 unless given. */
  timeoutSeconds?: number;
  /** Requests per second per connection (a poller's pace); unset = back to back. */
  connectionRate?: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  /** Mean bytes per response on the wire (autocannon's 2xx throughput over the responses). */
  bytesPerResponse: number;
  responses: number;
  /** Responses by status code. */
  statuses: Record<string, number>;
  ok2xx: number;
  notModified: number;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  /** Responses other than 2xx/304, plus connection errors. */
  failures: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  // Loaded on first use: most importers of @porthole/testing never generate load.
  const { default: run } = await import('autocannon');
  const perSecond = new Map<number, number>();
  let notModified = 0;
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = run(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationSeconds,
        method: options.method ?? 'GET',
        headers: options.headers ?? {},
        ...(options.body !== undefined ? { body: options.body } : {}),
        timeout: options.timeoutSeconds ?? 10,
        ...(options.connectionRate ? { connectionRate: options.connectionRate } : {}),
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
  const statuses: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = stat?.count ?? 0;
  return {
    requestsPerSecond: median(steady),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    latencyMaxMs: result.latency.max,
    bytesPerResponse: responses > 0 ? result.throughput.total / responses : 0,
    responses,
    statuses,
    ok2xx: result['2xx'],
    notModified,
    errors: result.errors,
    timeouts: result.timeouts,
    failures: result.non2xx - notModified + result.errors,
  };
}

/** One line for a log: volume, pace, latency, errors and statuses. */
export const describeLoad = (r: LoadResult): string =>
  `${r.responses} responses (${Math.round(r.requestsPerSecond)}/s), p50 ${r.latencyP50Ms} ms, ` +
  `p99 ${r.latencyP99Ms} ms, max ${r.latencyMaxMs} ms, errors ${r.errors}, timeouts ${r.timeouts}, ` +
  `statuses ${JSON.stringify(r.statuses)}`;

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
