/**
 * Finished uploads, remembered after their bytes are gone, so a camera that lost the last response and
 * asks again hears "complete" instead of uploading the same frame twice.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TUS_VERSION } from '@porthole/protocol';
import { relayError } from '../errors.ts';

const REMEMBERED = 256;

export function completedUploads() {
  const sizes = new Map<string, number>();
  return {
    remember(id: string, size: number): void {
      sizes.set(id, size);
      if (sizes.size > REMEMBERED) sizes.delete(sizes.keys().next().value as string);
    },
    /**
     * HEAD, PATCH and DELETE of an upload that already completed: answered as if its bytes were still here.
     * Returns false when the request is not about a completed upload.
     */
    answer(id: string | undefined, req: IncomingMessage, res: ServerResponse): boolean {
      const size = id === undefined ? undefined : sizes.get(id);
      if (size === undefined || !['HEAD', 'PATCH', 'DELETE'].includes(req.method ?? '')) return false;
      const headers = {
        'Tus-Resumable': TUS_VERSION,
        'Cache-Control': 'no-store',
        'Upload-Offset': String(size),
      };
      if (req.method === 'PATCH' && req.headers['upload-offset'] !== String(size))
        throw relayError('OFFSET_MISMATCH', undefined, headers);
      req.resume();
      if (req.method === 'HEAD') res.writeHead(200, { ...headers, 'Upload-Length': String(size) }).end();
      else if (req.method === 'PATCH') res.writeHead(204, headers).end();
      else res.writeHead(204, { 'Tus-Resumable': TUS_VERSION }).end();
      return true;
    },
  };
}
