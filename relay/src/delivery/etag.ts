/** `If-None-Match` against an ETag, weak comparison (RFC 9110 §13.1.2). */
import type { IncomingMessage } from 'node:http';

export function etagMatches(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  // What a poller sends back nearly every time: the ETag it was given.
  if (header === etag) return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare || tag.trim() === '*');
}
