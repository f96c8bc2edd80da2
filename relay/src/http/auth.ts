/** Bearer-token checks for write endpoints: constant-time, and the token never leaves this module. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Returns a check that is true only for `Authorization: Bearer <token>` with exactly the right token. */
export function bearerCheck(token: string): (req: IncomingMessage) => boolean {
  // Comparing digests keeps the comparison constant-time even when the lengths differ.
  const expected = createHash('sha256').update(token).digest();
  return (req) => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer +(\S+)\s*$/i.exec(header);
    if (!match) return false;
    return timingSafeEqual(createHash('sha256').update(match[1]!).digest(), expected);
  };
}

/** The client's address: the socket peer, or the first X-Forwarded-For hop when behind your own proxy. */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
