/** GET /frames/<name>: an immutable, content-addressed variant or video chunk. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PATHS } from '@porthole/protocol';
import { relayError } from '../errors.ts';
import { type HeaderList, headerList, sendPrepared } from '../http/respond.ts';
import type { FrameStore } from '../store/frame-store.ts';
import { contentTypeOfName } from '../variant.ts';
import { IMAGE_HEADERS, IMMUTABLE } from './cache-policy.ts';
import { etagMatches } from './etag.ts';

/** Header lists kept for this many names (the frames on air lately); then the memo starts over. */
const PREPARED_NAMES = 64;

interface PreparedVariant {
  etag: string;
  ok: HeaderList;
  notModified: HeaderList;
}

function prepare(name: string, data: Buffer): PreparedVariant {
  const etag = `"${name}"`;
  const type = contentTypeOfName(name);
  const notModified = headerList(IMAGE_HEADERS, {
    'Content-Type': type,
    'Cache-Control': IMMUTABLE,
    ETag: etag,
  });
  return { etag, notModified, ok: [...notModified, 'Content-Length', data.length] };
}

export function variantRoute(frames: FrameStore) {
  const prepared = new Map<string, PreparedVariant>();

  function answer(req: IncomingMessage, res: ServerResponse, name: string, data: Buffer): void {
    let headers = prepared.get(name);
    if (!headers) {
      if (prepared.size >= PREPARED_NAMES) prepared.clear();
      headers = prepare(name, data);
      prepared.set(name, headers);
    }
    if (etagMatches(req, headers.etag)) sendPrepared(res, 304, headers.notModified);
    else sendPrepared(res, 200, headers.ok, data);
  }

  return (req: IncomingMessage, res: ServerResponse, path: string): void | Promise<void> => {
    const name = path.slice(PATHS.variants.length);
    // The frames on air are in memory: answer at once, without a promise.
    const cached = frames.peek(name);
    if (cached) return answer(req, res, name, cached);
    return frames.get(name).then((data) => {
      if (!data) throw relayError('NOT_FOUND');
      answer(req, res, name, data);
    });
  };
}
