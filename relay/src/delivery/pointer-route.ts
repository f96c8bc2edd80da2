/** GET /frame: the pointer, with a weak ETag (304 when unchanged) and the poll hint in body and header. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HEADERS } from '@porthole/protocol';
import { relayError } from '../errors.ts';
import type { Feed } from '../feed/feed.ts';
import type { SerialisedPointer } from '../feed/pointer.ts';
import { type HeaderList, headerList, JSON_HEADERS, PUBLIC_READ, sendPrepared } from '../http/respond.ts';
import { POINTER_CACHE } from './cache-policy.ts';
import { etagMatches } from './etag.ts';

/** The pointer on air, or a 503 telling the client to come back in a second. */
export function pointerOnAir(feed: Feed): SerialisedPointer {
  const pointer = feed.current();
  if (!pointer) throw relayError('NO_FRAME_YET', undefined, { 'Retry-After': '1' });
  return pointer;
}

/**
 * The answers' headers for one pointer, built when it goes on air; a request fills in the value slots
 * (`next`, and the body's length) of a copy.
 */
interface PreparedPointer {
  of: SerialisedPointer;
  ok: HeaderList;
  notModified: HeaderList;
  /** Where in `ok` the values of `next` and `Content-Length` go, and in `notModified` that of `next`. */
  okNext: number;
  okLength: number;
  notModifiedNext: number;
  /** The pointer's JSON is ASCII (it always is): its byte length is its string length. */
  ascii: boolean;
}

function prepare(pointer: SerialisedPointer): PreparedPointer {
  const common = { ...PUBLIC_READ, ETag: pointer.etag, 'Cache-Control': POINTER_CACHE, [HEADERS.next]: 0 };
  const ok = headerList(JSON_HEADERS, common);
  ok.push('Content-Length', 0);
  const notModified = headerList(common);
  const sample = pointer.body(0);
  return {
    of: pointer,
    ok,
    notModified,
    okNext: ok.indexOf(HEADERS.next) + 1,
    okLength: ok.indexOf('Content-Length') + 1,
    notModifiedNext: notModified.indexOf(HEADERS.next) + 1,
    ascii: Buffer.byteLength(sample) === sample.length,
  };
}

export function pointerRoute(deps: { feed: Feed; sawViewer: (req: IncomingMessage) => void }) {
  let prepared: PreparedPointer | undefined;
  return (req: IncomingMessage, res: ServerResponse): void => {
    const pointer = pointerOnAir(deps.feed);
    deps.sawViewer(req);
    const next = deps.feed.nextDelay();
    if (prepared?.of !== pointer) prepared = prepare(pointer);
    if (etagMatches(req, pointer.etag)) {
      const headers = prepared.notModified.slice();
      headers[prepared.notModifiedNext] = next;
      sendPrepared(res, 304, headers);
      return;
    }
    // A string body goes out in one write with the headers; a Buffer would be a second chunk.
    const body = pointer.body(next);
    const headers = prepared.ok.slice();
    headers[prepared.okNext] = next;
    headers[prepared.okLength] = prepared.ascii ? body.length : Buffer.byteLength(body);
    sendPrepared(res, 200, headers, body);
  };
}
