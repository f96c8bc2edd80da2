/** GET /latest: the newest frame as one image in the best format the client accepts; never cached. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { relayError } from '../errors.ts';
import type { Feed } from '../feed/feed.ts';
import { send } from '../http/respond.ts';
import type { FrameStore } from '../store/frame-store.ts';
import { contentTypeOf, widestIn } from '../variant.ts';
import { IMAGE_HEADERS } from './cache-policy.ts';
import { preferredFormat } from './negotiate.ts';
import { pointerOnAir } from './pointer-route.ts';

export function latestRoute(deps: { feed: Feed; frames: FrameStore }) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const format = preferredFormat(req.headers.accept);
    const variant = widestIn(pointerOnAir(deps.feed).pointer.variants, format);
    const data = variant && (await deps.frames.get(variant.name));
    if (!variant || !data) throw relayError('NO_FRAME_YET', undefined, { 'Retry-After': '1' });
    const headers = { ...IMAGE_HEADERS, 'Content-Type': contentTypeOf(format), 'Cache-Control': 'no-store' };
    send(res, 200, { ...headers, Vary: 'Accept' }, data);
  };
}
