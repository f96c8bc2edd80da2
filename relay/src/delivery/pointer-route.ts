/** GET /frame: the pointer, with a weak ETag (304 when unchanged) and the poll hint in body and header. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HEADERS } from '@porthole/protocol';
import { relayError } from '../errors.ts';
import type { Feed } from '../feed/feed.ts';
import type { SerialisedPointer } from '../feed/pointer.ts';
import { JSON_HEADERS, PUBLIC_READ, send } from '../http/respond.ts';
import { POINTER_CACHE } from './cache-policy.ts';
import { etagMatches } from './etag.ts';

/** The pointer on air, or a 503 telling the client to come back in a second. */
export function pointerOnAir(feed: Feed): SerialisedPointer {
  const pointer = feed.current();
  if (!pointer) throw relayError('NO_FRAME_YET', undefined, { 'Retry-After': '1' });
  return pointer;
}

export function pointerRoute(deps: { feed: Feed; sawViewer: (req: IncomingMessage) => void }) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const pointer = pointerOnAir(deps.feed);
    deps.sawViewer(req);
    const next = deps.feed.nextDelay();
    const headers = {
      ...PUBLIC_READ,
      ETag: pointer.etag,
      'Cache-Control': POINTER_CACHE,
      [HEADERS.next]: next,
    };
    if (etagMatches(req, pointer.etag)) send(res, 304, headers);
    else send(res, 200, { ...JSON_HEADERS, ...headers }, pointer.body(next));
  };
}
