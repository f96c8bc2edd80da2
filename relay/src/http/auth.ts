/** Bearer-token checks: named, scoped tokens compared in constant time; a token value never leaves this module. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Scope, TokenEntry } from '../config.ts';

/** What a request's token is worth for one scope. Carries names only, so it is safe to log. */
export type TokenVerdict =
  | { allowed: true; name: string }
  | { allowed: false; status: 401; why: 'missing' | 'unknown' }
  | { allowed: false; status: 403; name: string; has: readonly Scope[]; needs: Scope };

export interface TokenTable {
  /** Does this request carry a known token with `scope`? */
  check(req: IncomingMessage, scope: Scope): TokenVerdict;
  /** Swap in a new set of tokens (a reload); requests already let through are not affected. */
  replace(entries: readonly TokenEntry[]): void;
  /** The names of the tokens now accepted. */
  names(): string[];
}

interface Known {
  name: string;
  scopes: readonly Scope[];
  digest: Buffer;
}

// Comparing digests keeps each comparison constant-time even when the lengths differ.
const digestOf = (token: string) => createHash('sha256').update(token).digest();

export function tokenTable(entries: readonly TokenEntry[]): TokenTable {
  let known: Known[] = [];
  const replace = (next: readonly TokenEntry[]) => {
    known = next.map(({ name, scopes, token }) => ({ name, scopes, digest: digestOf(token) }));
  };
  replace(entries);
  return {
    check(req, scope) {
      const match = /^Bearer +(\S+)\s*$/i.exec(req.headers.authorization ?? '');
      if (!match) return { allowed: false, status: 401, why: 'missing' };
      const presented = digestOf(match[1]!);
      // Every entry is compared, without stopping at a match, so the time says nothing about which one.
      let found: Known | undefined;
      for (const entry of known) if (timingSafeEqual(presented, entry.digest)) found = entry;
      if (!found) return { allowed: false, status: 401, why: 'unknown' };
      if (!found.scopes.includes(scope))
        return { allowed: false, status: 403, name: found.name, has: found.scopes, needs: scope };
      return { allowed: true, name: found.name };
    },
    replace,
    names: () => known.map((entry) => entry.name),
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
