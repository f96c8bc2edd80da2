/** CORS preflight for the one public write (POST /wave): any origin, cached for a day. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { send } from './respond.ts';

export function corsPreflight(methods: string) {
  return (_req: IncomingMessage, res: ServerResponse): void =>
    send(res, 204, {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': methods,
      'Access-Control-Max-Age': '86400',
    });
}
