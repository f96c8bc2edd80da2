/** POST /wave: a visitor says hi. Public, rate-limited per address and overall; no address is kept. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { relayError } from '../errors.ts';
import type { Feed } from '../feed/feed.ts';
import { PUBLIC_READ, sendJson } from '../http/respond.ts';
import type { Metrics } from '../metrics.ts';

type Limiter = { take(key: string): number };

export function waveRoute(deps: {
  feed: Feed;
  metrics: Metrics;
  perClient: Limiter;
  overall: Limiter;
  clientAddress: (req: IncomingMessage) => string;
}) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    req.resume();
    const wait = deps.perClient.take(deps.clientAddress(req)) || deps.overall.take('all');
    if (wait > 0) {
      throw relayError('RATE_LIMITED', 'waves', {
        'Retry-After': String(Math.ceil(wait / 1000)),
        ...PUBLIC_READ,
      });
    }
    deps.feed.wave();
    deps.metrics.waves.inc();
    sendJson(res, 202, { waves: deps.feed.status().waves }, { ...PUBLIC_READ, 'Cache-Control': 'no-store' });
  };
}
