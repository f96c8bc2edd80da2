/** Small response helpers shared by every route, and the headers every response carries. */
import type { ServerResponse } from 'node:http';

export type Headers = Record<string, string | number>;
/**
 * Headers as `res.writeHead` takes them flat: `[name, value, name, value, …]`. The read path builds one per
 * pointer or variant and reuses it, so a request costs no header object at all.
 */
export type HeaderList = (string | number)[];

/** Every response: never sniffed, never framed. */
export const BASE_HEADERS: Headers = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

/** Public read endpoints may be fetched from any site (the island lives on the author's origin). */
export const PUBLIC_READ: Headers = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, Porthole-Next, Retry-After',
};

/** JSON and text answers are data, never documents: no scripts, no embedding. */
const DATA_HEADERS: Headers = { 'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'" };
export const JSON_HEADERS: Headers = { 'Content-Type': 'application/json; charset=utf-8', ...DATA_HEADERS };

/**
 * The flat list of everything `send` would put on the wire for these headers: the base headers first, later
 * groups overriding earlier ones in place (as object spread does).
 */
export function headerList(...groups: Headers[]): HeaderList {
  const merged: Headers = Object.assign({}, BASE_HEADERS, ...groups);
  return Object.entries(merged).flat();
}

/** Answer with a prepared header list; `Content-Length` must be in it when there is a body. */
export function sendPrepared(
  res: ServerResponse,
  status: number,
  headers: HeaderList,
  body?: Buffer | string,
): void {
  res.writeHead(status, headers);
  res.end(body === undefined || res.req.method === 'HEAD' ? undefined : body);
}

export function send(res: ServerResponse, status: number, headers: Headers, body?: Buffer | string): void {
  const payload = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : body;
  const list = headerList(headers);
  if (payload) list.push('Content-Length', payload.length);
  sendPrepared(res, status, list, payload);
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Headers = {}): void {
  send(res, status, { ...JSON_HEADERS, ...headers }, JSON.stringify(value));
}

export function sendText(res: ServerResponse, status: number, text: string, headers: Headers = {}): void {
  send(res, status, { 'Content-Type': 'text/plain; charset=utf-8', ...DATA_HEADERS, ...headers }, text);
}
