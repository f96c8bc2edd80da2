/**
 * Finished uploads, remembered after their bytes are gone, so a camera that lost the last response and
 * asks again hears "complete" instead of uploading the same frame twice.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TUS_VERSION } from '@porthole/protocol';
import { relayError } from '../errors.ts';
import { send } from '../http/respond.ts';

const REMEMBERED = 256;

interface Completed {
  size: number;
  /** Upload-Metadata as the client sent it at creation, if it did. */
  metadata: string | undefined;
}

export function completedUploads() {
  const uploads = new Map<string, Completed>();
  return {
    remember(id: string, size: number, metadata?: string): void {
      uploads.set(id, { size, metadata });
      if (uploads.size > REMEMBERED) uploads.delete(uploads.keys().next().value as string);
    },
    /**
     * HEAD, PATCH and DELETE of an upload that already completed, once the request passed the tus checks:
     * answered as tus would if its bytes were still here; a DELETE forgets it, so it is gone from then on.
     * Returns false when the request is not about a completed upload.
     */
    answer(id: string | undefined, req: IncomingMessage, res: ServerResponse): boolean {
      const upload = id === undefined ? undefined : uploads.get(id);
      if (!id || !upload || !['HEAD', 'PATCH', 'DELETE'].includes(req.method ?? '')) return false;
      const headers = {
        'Tus-Resumable': TUS_VERSION,
        'Cache-Control': 'no-store',
        'Upload-Offset': String(upload.size),
      };
      if (req.method === 'PATCH' && req.headers['upload-offset'] !== String(upload.size))
        throw relayError('OFFSET_MISMATCH', undefined, headers);
      req.resume();
      if (req.method === 'HEAD') {
        const length = { ...headers, 'Upload-Length': String(upload.size) };
        send(
          res,
          200,
          upload.metadata === undefined ? length : { ...length, 'Upload-Metadata': upload.metadata },
        );
      } else if (req.method === 'PATCH') {
        send(res, 204, headers);
      } else {
        uploads.delete(id);
        send(res, 204, { 'Tus-Resumable': TUS_VERSION });
      }
      return true;
    },
  };
}
