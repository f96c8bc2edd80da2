/**
 * Who may read the owner's details (`/metrics`, the detailed `/status`): a request with a `control` token,
 * or one from this machine that no proxy forwarded. A reverse proxy on the same machine connects from
 * loopback too, so any forwarding header makes a request public, whoever sent it.
 */
import type { IncomingMessage } from 'node:http';
import type { Scope } from '../config.ts';
import type { TokenVerdict } from './auth.ts';

const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip', 'via'];

/** A loopback peer, with no sign of a proxy in between. */
export function isLocalRequest(req: IncomingMessage): boolean {
  const peer = req.socket.remoteAddress ?? '';
  const loopback = peer === '::1' || /^(::ffff:)?127\./.test(peer);
  return loopback && FORWARDING_HEADERS.every((name) => req.headers[name] === undefined);
}

export function ownerCheck(checkToken: (req: IncomingMessage, scope: Scope) => TokenVerdict) {
  return (req: IncomingMessage): boolean => isLocalRequest(req) || checkToken(req, 'control').allowed;
}
