/**
 * The relay's HTTP front: routes a request to its handler, checks the token where a route needs a scope, and
 * turns thrown errors into one consistent answer and one log line.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Scope } from '../config.ts';
import { RelayError, relayError } from '../errors.ts';
import type { Metrics } from '../metrics.ts';
import type { TokenVerdict } from './auth.ts';
import { closeAfterRefusal } from './lingering-close.ts';
import { isLocalRequest } from './owner.ts';
import { PUBLIC_READ, sendText } from './respond.ts';

type Handler = (req: IncomingMessage, res: ServerResponse, path: string) => void | Promise<void>;

export interface Route {
  /** Label in metrics and logs. */
  name: string;
  /** Exact path, or a prefix ending in "/". */
  path: string;
  methods: Record<string, Handler>;
  /** The token scope a method needs (any method, GET included); a method not listed is public. */
  scopes?: Readonly<Record<string, Scope>>;
  /** A request from this machine needs no token here (see owner.ts): for the owner's own reads. */
  localNeedsNoToken?: boolean;
  /**
   * Honour `X-HTTP-Method-Override`: the header is the method (tus 1.0 asks it of servers, for clients that
   * cannot send PATCH or DELETE). It decides the handler and the token check alike.
   */
  methodOverride?: boolean;
  /** Headers every error answer on this route carries, e.g. tus's `Tus-Resumable`. */
  errorHeaders?: Record<string, string>;
}

export interface RouterDeps {
  routes: Route[];
  checkToken: (req: IncomingMessage, scope: Scope) => TokenVerdict;
  /** Returns ms to wait when this address has failed the token check too often, else 0. */
  authFailures: (req: IncomingMessage) => number;
  metrics: Metrics;
  log: Logger;
}

const isPrefix = (r: Route) => r.path.endsWith('/');

export function createRouter(deps: RouterDeps) {
  const { metrics, log } = deps;

  // Label children resolved once: the read path runs tens of thousands of times a second.
  const counters = new Map(deps.routes.map((r) => [r, metrics.requests.labels(r.name)]));
  const unknownCounter = metrics.requests.labels('unknown');

  const matches = (r: Route, path: string) => (isPrefix(r) ? path.startsWith(r.path) : path === r.path);
  // Exact paths (the reads) by one Map lookup, each to the route the table would pick first; then prefixes.
  const exact = new Map<string, Route | undefined>();
  for (const r of deps.routes)
    if (!isPrefix(r))
      exact.set(
        r.path,
        deps.routes.find((t) => matches(t, r.path)),
      );
  const prefixed = deps.routes.filter(isPrefix);
  const match = (path: string) => exact.get(path) ?? prefixed.find((r) => path.startsWith(r.path));

  return async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    const found = match(path);
    (found ? counters.get(found) : unknownCounter)?.inc();
    try {
      if (!found) throw relayError('NOT_FOUND');
      const override = found.methodOverride ? req.headers['x-http-method-override'] : undefined;
      if (typeof override === 'string' && override.trim()) req.method = override.trim();
      const method =
        req.method === 'HEAD' && !found.methods.HEAD && found.methods.GET ? 'GET' : (req.method ?? '');
      const handler = found.methods[method];
      if (!handler)
        throw relayError('METHOD_NOT_ALLOWED', undefined, { Allow: Object.keys(found.methods).join(', ') });
      const scope = found.scopes?.[method];
      if (scope && !(found.localNeedsNoToken && isLocalRequest(req))) requireToken(req, scope);
      await handler(req, res, path);
    } catch (error) {
      answerError(req, res, error, found);
    }
  };

  /** Throws unless the request's token has `scope`. The reason names the token, never its value. */
  function requireToken(req: IncomingMessage, scope: Scope): void {
    const verdict = deps.checkToken(req, scope);
    if (verdict.allowed) return;
    if (verdict.status === 403)
      throw relayError(
        'FORBIDDEN',
        `token "${verdict.name}" has ${verdict.has.join(',')}, not ${verdict.needs}`,
      );
    // Only guesses count towards the limit: a known token with the wrong scope is not one.
    const wait = deps.authFailures(req);
    if (wait > 0)
      throw relayError('RATE_LIMITED', 'too many failed token checks', {
        'Retry-After': String(Math.ceil(wait / 1000)),
      });
    throw relayError('UNAUTHORIZED', verdict.why === 'missing' ? 'no token sent' : 'unknown token', {
      'WWW-Authenticate': 'Bearer realm="porthole"',
    });
  }

  function answerError(req: IncomingMessage, res: ServerResponse, error: unknown, found?: Route): void {
    const routeName = found?.name ?? 'unknown';
    const known = error instanceof RelayError ? error : undefined;
    if (!known) log.error({ err: error, route: routeName }, 'request failed');
    const failure = known ?? relayError('NOT_FOUND');
    const status = known ? failure.status : 500;
    if (known && known.status !== 404 && known.status !== 503) {
      metrics.rejections.inc({ reason: known.code });
      log.warn({ route: routeName, method: req.method, status, reason: known.code }, known.message);
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    // A refused upload is closed, but only once the client has stopped sending (see lingering-close.ts).
    if (status >= 400 && !['GET', 'HEAD'].includes(req.method ?? '')) closeAfterRefusal(req, res);
    else req.resume();
    const headers = {
      ...found?.errorHeaders,
      ...failure.headers,
      'Cache-Control': 'no-store',
      ...(req.method === 'GET' ? PUBLIC_READ : {}),
    };
    sendText(res, status, status === 500 ? 'internal error\n' : `${failure.message}\n`, headers);
  }
}
