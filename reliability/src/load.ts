/** autocannon on loopback, reduced to the figures the suite asserts on. */
import autocannon from 'autocannon';

export interface LoadResult {
  requests: number;
  /** Latency percentiles in ms. */
  p50: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  /** Responses by status code. */
  statuses: Record<string, number>;
  rps: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  /** Seconds. */
  duration: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Per-request timeout in seconds (autocannon counts a timeout as an error). */
  timeout?: number;
  /** Requests per second per connection (a poller's pace); unset = back to back. */
  connectionRate?: number;
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.duration,
    method: options.method ?? 'GET',
    headers: options.headers ?? {},
    ...(options.body !== undefined ? { body: options.body } : {}),
    timeout: options.timeout ?? 10,
    ...(options.connectionRate ? { connectionRate: options.connectionRate } : {}),
  });
  const statuses: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = stat?.count ?? 0;
  return {
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    statuses,
    rps: result.requests.average,
  };
}

export const describeLoad = (r: LoadResult): string =>
  `${r.requests} requests (${Math.round(r.rps)}/s), p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms, ` +
  `errors ${r.errors}, timeouts ${r.timeouts}, statuses ${JSON.stringify(r.statuses)}`;
