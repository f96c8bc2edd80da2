/**
 * GET /poster: the frame on air as one JPEG about 640 px wide, for `<img>` markup that must show a
 * real frame before any script runs (the Astro component's poster). JPEG because every browser
 * decodes it, so there is no `Vary: Accept` to split a CDN's cache; briefly cacheable, unlike
 * /latest, because a poster a few seconds old is as good as a new one.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { relayError } from '../errors.ts';
import type { Feed } from '../feed/feed.ts';
import { send } from '../http/respond.ts';
import type { FrameStore } from '../store/frame-store.ts';
import { contentTypeOf, type Variant } from '../variant.ts';
import { IMAGE_HEADERS, POSTER_CACHE } from './cache-policy.ts';
import { etagMatches } from './etag.ts';
import { pointerOnAir } from './pointer-route.ts';

const POSTER_WIDTH = 640;

/** The widest JPEG at most 640 px wide, or the narrowest JPEG when every one is wider. */
export function posterVariant(variants: readonly Variant[]): Variant | undefined {
  const jpegs = variants.filter((v) => v.format === 'jpeg').sort((a, b) => a.width - b.width);
  return jpegs.filter((v) => v.width <= POSTER_WIDTH).at(-1) ?? jpegs[0];
}

export function posterRoute(deps: { feed: Feed; frames: FrameStore }) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const variant = posterVariant(pointerOnAir(deps.feed).pointer.variants);
    const data = variant && (await deps.frames.get(variant.name));
    if (!variant || !data) throw relayError('NO_FRAME_YET', undefined, { 'Retry-After': '1' });
    // The name is content-addressed, so it is a strong validator for these exact bytes.
    const etag = `"${variant.name}"`;
    const headers = {
      ...IMAGE_HEADERS,
      'Content-Type': contentTypeOf('jpeg'),
      'Cache-Control': POSTER_CACHE,
      ETag: etag,
    };
    if (etagMatches(req, etag)) send(res, 304, headers);
    else send(res, 200, headers, data);
  };
}
