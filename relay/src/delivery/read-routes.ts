/** Public read endpoints: the pointer, the immutable variants, the newest frame, status and health. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { relayError } from '../errors.ts';
import type { Feed } from '../feed/feed.ts';
import { JSON_HEADERS, PUBLIC_READ, send, sendJson, sendText } from '../http/respond.ts';
import type { Metrics } from '../metrics.ts';
import { CONTENT_TYPE, type Variant } from '../pipeline/encode.ts';
import type { FrameStore } from '../store/frame-store.ts';
import { preferredFormat } from './negotiate.ts';
import { publicVariant } from './pointer.ts';

export interface ReadRouteDeps {
  feed: Feed;
  frames: FrameStore;
  metrics: Metrics;
  viewers: { seen(key: string): void; estimate(): number };
  clientKey: (req: IncomingMessage) => string;
}

/** Short shared caching: a CDN absorbs the crowd and asks the relay about once a second. */
const POINTER_CACHE = 'public, max-age=1, stale-while-revalidate=4, stale-if-error=60';
const IMMUTABLE = 'public, max-age=31536000, immutable';
const IMAGE_HEADERS = { ...PUBLIC_READ, 'Cross-Origin-Resource-Policy': 'cross-origin' };

function etagMatches(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare || tag.trim() === '*');
}

export function readRoutes(deps: ReadRouteDeps) {
  const { feed, frames, metrics } = deps;

  function current() {
    const pointer = feed.current();
    if (!pointer) throw relayError('NO_FRAME_YET', undefined, { 'Retry-After': '1' });
    return pointer;
  }

  return {
    frame(req: IncomingMessage, res: ServerResponse): void {
      const pointer = current();
      deps.viewers.seen(deps.clientKey(req));
      const next = feed.nextDelay();
      const headers = {
        ...PUBLIC_READ,
        ETag: pointer.etag,
        'Cache-Control': POINTER_CACHE,
        'Porthole-Next': next,
      };
      if (etagMatches(req, pointer.etag)) {
        send(res, 304, headers);
        return;
      }
      send(res, 200, { ...JSON_HEADERS, ...headers }, pointer.body(next));
    },

    async variant(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
      const data = await frames.get(name);
      if (!data) throw relayError('NOT_FOUND');
      const etag = `"${name}"`;
      const ext = name.slice(name.lastIndexOf('.') + 1);
      const type = ext === 'jpg' ? CONTENT_TYPE.jpeg : CONTENT_TYPE[ext as 'avif' | 'webp'];
      const headers = { ...IMAGE_HEADERS, 'Content-Type': type, 'Cache-Control': IMMUTABLE, ETag: etag };
      if (etagMatches(req, etag)) {
        send(res, 304, headers);
        return;
      }
      send(res, 200, headers, data);
    },

    async latest(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const format = preferredFormat(req.headers.accept);
      const variant = largest(current().pointer.variants, format);
      const data = variant && (await frames.get(variant.name));
      if (!variant || !data) throw relayError('NO_FRAME_YET', undefined, { 'Retry-After': '1' });
      send(
        res,
        200,
        {
          ...IMAGE_HEADERS,
          'Content-Type': CONTENT_TYPE[variant.format],
          'Cache-Control': 'no-store',
          Vary: 'Accept',
        },
        data,
      );
    },

    status(_req: IncomingMessage, res: ServerResponse): void {
      const variants = feed.current()?.pointer.variants ?? [];
      sendJson(
        res,
        200,
        {
          ...feed.status(),
          viewers: deps.viewers.estimate(),
          variants: variants.map(publicVariant),
        },
        { ...PUBLIC_READ, 'Cache-Control': 'no-store' },
      );
    },

    healthz(_req: IncomingMessage, res: ServerResponse): void {
      sendJson(
        res,
        200,
        { status: 'ok', mode: feed.mode(), seq: feed.status().seq },
        { 'Cache-Control': 'no-store' },
      );
    },

    async metrics(_req: IncomingMessage, res: ServerResponse): Promise<void> {
      metrics.viewers.set(deps.viewers.estimate());
      sendText(res, 200, await metrics.registry.metrics(), {
        'Content-Type': metrics.registry.contentType,
        'Cache-Control': 'no-store',
      });
    },
  };
}

function largest(variants: Variant[], format: string): Variant | undefined {
  return variants.filter((v) => v.format === format).sort((a, b) => b.width - a.width)[0];
}
