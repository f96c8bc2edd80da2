/** GET /status (the owner preview), /healthz (liveness) and /metrics (Prometheus). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Health, PrivacyStatus, PublicStatus, RelayStatus } from '@porthole/protocol';
import type { Feed } from '../feed/feed.ts';
import { PUBLIC_READ, sendJson, sendText } from '../http/respond.ts';
import type { Metrics } from '../metrics.ts';
import { publicVariant } from '../variant.ts';

export interface StatusDeps {
  feed: Feed;
  metrics: Metrics;
  wavesNow: () => number;
  viewersNow: () => number;
  isOwner: (req: IncomingMessage) => boolean;
  privacyState: () => PrivacyStatus;
}

export function statusRoutes({ feed, metrics, wavesNow, viewersNow, isOwner, privacyState }: StatusDeps) {
  return {
    /** What the pointer says to anyone; upload times and privacy windows only to the owner. */
    status(req: IncomingMessage, res: ServerResponse): void {
      const { seq, lastUploads } = feed.status();
      const pointer = feed.current()?.pointer;
      const open: PublicStatus = {
        mode: publicMode(feed),
        seq,
        waves: wavesNow(),
        viewers: viewersNow(),
        variants: (pointer?.variants ?? []).map(publicVariant),
      };
      const status: PublicStatus | RelayStatus = isOwner(req)
        ? { ...open, lastUploads, privacy: privacyState() }
        : open;
      // Vary: the same URL answers the owner with more; no shared cache may hand that to anyone else.
      sendJson(res, 200, status, { ...PUBLIC_READ, 'Cache-Control': 'no-store', Vary: 'Authorization' });
    },

    healthz(_req: IncomingMessage, res: ServerResponse): void {
      const health: Health = { status: 'ok', mode: publicMode(feed), seq: feed.status().seq };
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

/** The mode visitors are told (a camera that just connected shows the loop, marked offline, until its first frame). */
const publicMode = (feed: Feed) => feed.current()?.pointer.mode ?? feed.mode();
