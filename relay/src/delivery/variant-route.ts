/** GET /frames/<name>: an immutable, content-addressed variant. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PATHS } from '@porthole/protocol';
import { relayError } from '../errors.ts';
import { send } from '../http/respond.ts';
import type { FrameStore } from '../store/frame-store.ts';
import { contentTypeOf, formatOfName } from '../variant.ts';
import { IMAGE_HEADERS, IMMUTABLE } from './cache-policy.ts';
import { etagMatches } from './etag.ts';

export function variantRoute(frames: FrameStore) {
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    const name = path.slice(PATHS.variants.length);
    const data = await frames.get(name);
    if (!data) throw relayError('NOT_FOUND');
    const etag = `"${name}"`;
    const type = contentTypeOf(formatOfName(name));
    const headers = { ...IMAGE_HEADERS, 'Content-Type': type, 'Cache-Control': IMMUTABLE, ETag: etag };
    if (etagMatches(req, etag)) send(res, 304, headers);
    else send(res, 200, headers, data);
  };
}
