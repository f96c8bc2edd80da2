/** GET /status (the owner preview), /healthz (liveness) and /metrics (Prometheus). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Health, RelayStatus } from '@porthole/protocol';
import type { Feed } from '../feed/feed.ts';
import { PUBLIC_READ, sendJson, sendText } from '../http/respond.ts';
import type { Metrics } from '../metrics.ts';
import { publicVariant } from '../variant.ts';

export interface StatusDeps {
  feed: Feed;
  metrics: Metrics;
  wavesNow: () => number;
  viewersNow: () => number;
}

export function statusRoutes({ feed, metrics, wavesNow, viewersNow }: StatusDeps) {
  return {
    status(_req: IncomingMessage, res: ServerResponse): void {
      const variants = feed.current()?.pointer.variants ?? [];
      const status: RelayStatus = {
        ...feed.status(),
        waves: wavesNow(),
        viewers: viewersNow(),
        variants: variants.map(publicVariant),
      };
      sendJson(res, 200, status, { ...PUBLIC_READ, 'Cache-Control': 'no-store' });
    },

    healthz(_req: IncomingMessage, res: ServerResponse): void {
      const health: Health = { status: 'ok', mode: feed.mode(), seq: feed.status().seq };
      sendJson(res, 200, health, { 'Cache-Control': 'no-store' });
    },

    async metrics(_req: IncomingMessage, res: ServerResponse): Promise<void> {
      metrics.viewers.set(viewersNow());
      sendText(res, 200, await metrics.registry.metrics(), {
        'Content-Type': metrics.registry.contentType,
        'Cache-Control': 'no-store',
      });
    },
  };
}
