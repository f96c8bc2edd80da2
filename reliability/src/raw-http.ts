/**
 * Send bytes exactly as written to an HTTP server and read what comes back: for requests that fetch and
 * node:http refuse to produce (duplicate headers, NUL in the path, conflicting lengths, half a request).
 */
import { connect } from 'node:net';

export interface RawAnswer {
  /** The status code, or 0 if the server closed without a status line. */
  status: number;
  head: string;
  body: string;
  /** How the connection ended: the server closed it, reset it, or it was still open at the timeout. */
  ended: 'closed' | 'reset' | 'timeout';
  ms: number;
}

export function rawHttp(base: string, request: Buffer | string, timeoutMs = 5_000): Promise<RawAnswer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    let ended: RawAnswer['ended'] = 'closed';
    const timer = setTimeout(() => {
      ended = 'timeout';
      socket.destroy();
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // One answer is all we need: stop once a complete response (by Content-Length) is in.
      const text = Buffer.concat(chunks).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const length = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, split))?.[1];
      if (split >= 0 && length !== undefined && text.length >= split + 4 + Number(length)) socket.destroy();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET') ended = 'reset';
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const head = split >= 0 ? text.slice(0, split) : text;
      resolve({
        status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0),
        head,
        body: split >= 0 ? text.slice(split + 4) : '',
        ended,
        ms: performance.now() - started,
      });
    });
    socket.write(request);
  });
}

/** A request's text from a first line, header lines (repeats allowed) and a body. */
export function requestText(
  line: string,
  headers: [string, string | number][],
  body: Buffer | string = '',
): Buffer {
  const head = [line, ...headers.map(([k, v]) => `${k}: ${v}`), '', ''].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), typeof body === 'string' ? Buffer.from(body) : body]);
}
