/**
 * POST /upload: the original ESP32 sketch's request, byte for byte (multipart/form-data, boundary LMR,
 * one file field `img`, bearer token). Answers `Success`, as the sketch expects.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HEADERS, PATHS } from '@porthole/protocol';
import busboy from 'busboy';
import { relayError } from '../errors.ts';
import { sendText } from '../http/respond.ts';
import type { AcceptFrame } from './tus-ingest.ts';

/** Read the single `img` file out of a multipart body, enforcing the upload limit while streaming. */
export function readLegacyFrame(req: IncomingMessage, maxUpload: number): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > maxUpload + 64 * 1024) {
    return Promise.reject(relayError('PAYLOAD_TOO_LARGE'));
  }
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { files: 1, fields: 8, parts: 9, fileSize: maxUpload },
      });
    } catch {
      reject(relayError('BAD_MULTIPART', 'not multipart/form-data'));
      return;
    }
    let frame: Buffer | undefined;
    let failure: Error | undefined;
    const fail = (error: Error) => {
      failure ??= error;
      req.unpipe(parser);
      req.resume();
      reject(failure);
    };
    parser.on('file', (field, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => fail(relayError('PAYLOAD_TOO_LARGE')));
      // A body that ends inside the file ("Unexpected end of form") errors the file stream too; unheard,
      // that error would take the whole process down.
      stream.on('error', () => fail(relayError('BAD_MULTIPART', 'malformed body')));
      stream.on('close', () => {
        if (field !== PATHS.legacyUploadField)
          fail(relayError('BAD_MULTIPART', `unexpected file field "${field}"`));
        else if (!failure) frame = Buffer.concat(chunks);
      });
    });
    parser.on('filesLimit', () => fail(relayError('BAD_MULTIPART', 'more than one file')));
    parser.on('partsLimit', () => fail(relayError('BAD_MULTIPART', 'too many parts')));
    parser.on('error', () => fail(relayError('BAD_MULTIPART', 'malformed body')));
    parser.on('close', () => {
      if (failure) return;
      if (!frame) reject(relayError('BAD_MULTIPART', 'no "img" file'));
      else resolve(frame);
    });
    req.on('error', () => fail(relayError('BAD_MULTIPART', 'connection lost')));
    req.pipe(parser);
  });
}

/** The POST /upload handler: read the frame, hand it on, answer as the sketch expects. */
export function legacyUploadRoute(deps: { accept: AcceptFrame; maxUpload: number; takeWaves: () => number }) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    await deps.accept(await readLegacyFrame(req, deps.maxUpload), 'multipart');
    sendText(res, 200, 'Success', { [HEADERS.waves]: deps.takeWaves(), 'Cache-Control': 'no-store' });
  };
}
