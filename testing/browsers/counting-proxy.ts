/**
 * A reverse proxy in front of the relay that records every request a page makes, in any engine,
 * so tests count requests where they arrive. When the relay is down the visitor's connection is
 * dropped, as it would be by an unreachable host.
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the browser made to the relay. */
export interface SeenRequest {
  method: string;
  path: string;
  at: number;
  /** Response status and body bytes, once answered (0 when the relay could not be reached). */
  status: number;
  bytes: number;
  /** Whether the exchange is over (answered in full, or dropped). */
  done: boolean;
}

export interface CountingProxy {
  /** Base URL with a trailing slash: give it to the site as the relay's URL. */
  url: string;
  /** Every request so far, oldest first. */
  seen: SeenRequest[];
  /** Requests since `since` (ms epoch) whose path starts with `prefix` (method optional). */
  count(prefix: string, since?: number, method?: string): number;
  /** True when nothing is in flight and nothing has started or ended for `ms`. */
  idleFor(ms: number): boolean;
  /**
   * No request began for `ms`. A request may still be open: WebKit keeps the connection of a fetch the page
   * aborted (a held `GET /video/…`) until the relay answers it, though the page will never read it.
   */
  quietFor(ms: number): boolean;
  close(): Promise<void>;
}

export async function startCountingProxy(target: () => string): Promise<CountingProxy> {
  const seen: SeenRequest[] = [];
  let lastActivity = 0;
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    const entry: SeenRequest = {
      method: req.method ?? 'GET',
      path,
      at: Date.now(),
      status: 0,
      bytes: 0,
      done: false,
    };
    seen.push(entry);
    lastActivity = entry.at;
    res.on('close', () => {
      entry.done = true;
      lastActivity = Date.now();
    });
    const upstream = request(
      new URL(path.slice(1), target()),
      { method: req.method, headers: { ...req.headers, host: new URL(target()).host } },
      (answer) => {
        answer.on('error', () => res.destroy());
        entry.status = answer.statusCode ?? 0;
        answer.on('data', (chunk: Buffer) => {
          entry.bytes += chunk.length;
        });
        res.writeHead(entry.status, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    // A page that goes away mid-request (closed, reloaded) must not take the test process with it.
    req.on('error', () => upstream.destroy());
    res.on('error', () => upstream.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    seen,
    count(prefix, since = 0, method) {
      return seen.filter(
        (r) => r.at >= since && r.path.startsWith(prefix) && (!method || r.method === method),
      ).length;
    },
    idleFor: (ms) => seen.every((r) => r.done) && Date.now() - lastActivity >= ms,
    quietFor: (ms) => Date.now() - (seen.at(-1)?.at ?? 0) >= ms,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
