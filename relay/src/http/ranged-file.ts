/**
 * Answer with a file from disk, honouring one `Range: bytes=…` (Safari plays `<video>` only from servers that
 * do, and HLS byte-range playlists need it) and `If-None-Match`. A file that is gone is a 404.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { relayError } from '../errors.ts';
import { type Headers, headerList } from './respond.ts';

export async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  headers: Headers,
): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw relayError('NOT_FOUND');
  const size = info.size;
  const etag = `"${size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`;
  const common = { ...headers, 'Accept-Ranges': 'bytes', ETag: etag };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headerList(common));
    res.end();
    return;
  }
  const range = parseRange(req.headers.range, size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, headerList(common, { 'Content-Range': `bytes */${size}` }));
    res.end();
    return;
  }
  const [start, end] = range ?? [0, size - 1];
  const length = size === 0 ? 0 : end - start + 1;
  const partial: Headers = range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {};
  res.writeHead(range ? 206 : 200, headerList(common, partial, { 'Content-Length': length }));
  if (req.method === 'HEAD' || length === 0) {
    res.end();
    return;
  }
  await new Promise<void>((done) => {
    const stream = createReadStream(path, { start, end });
    stream.on('error', () => res.destroy());
    res.on('close', () => {
      stream.destroy();
      done();
    });
    stream.pipe(res);
  });
}

/** One range of `bytes=a-b`, `a-` or `-n`; undefined for none (or several: the whole file answers). */
export function parseRange(
  header: string | undefined,
  size: number,
): [number, number] | 'unsatisfiable' | undefined {
  const match = header && /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  return start > end || start >= size ? 'unsatisfiable' : [start, end];
}
