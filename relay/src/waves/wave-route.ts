/** POST /wave: a visitor says hi. Public, rate-limited per address and overall; no address is kept. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WaveAnswer } from '@porthole/protocol';
import { relayError } from '../errors.ts';
import { PUBLIC_READ, sendJson } from '../http/respond.ts';
import type { WaveCounter } from './wave-counter.ts';

type Limiter = { take(key: string): number };

export function waveRoute(deps: {
  waves: WaveCounter;
  /** Tell the pointer (its `waves` figure changed). */
  onWave: () => void;
  countAccepted: () => void;
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
    const at = Date.now();
    deps.waves.add(at);
    deps.onWave();
    deps.countAccepted();
    const answer: WaveAnswer = { waves: deps.waves.recent(at) };
    sendJson(res, 202, answer, { ...PUBLIC_READ, 'Cache-Control': 'no-store' });
  };
}
