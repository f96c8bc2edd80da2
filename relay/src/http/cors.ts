/** CORS preflight: any origin, cached for a day (POST /wave; GET /status with the owner's token). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { send } from './respond.ts';

export function corsPreflight(methods: string, headers?: string) {
  return (_req: IncomingMessage, res: ServerResponse): void =>
    send(res, 204, {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': methods,
      ...(headers ? { 'Access-Control-Allow-Headers': headers } : {}),
      'Access-Control-Max-Age': '86400',
    });
}
