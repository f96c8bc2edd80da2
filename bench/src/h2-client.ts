/**
 * An HTTP/2 client over TLS that reports the bytes each response took on the TCP connection (TLS records,
 * HTTP/2 frames and HPACK-compressed headers, as a browser's connection carries them), one connection for
 * every request, the way a browser tab keeps one per origin.
 */
import { connect as h2connect } from 'node:http2';
import { type Socket, connect as tcpConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

export interface H2Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** Bytes read from the TCP socket while this response arrived (TLS included). */
  wireBytes: number;
}

export interface H2Client {
  get(path: string, headers?: Record<string, string>): Promise<H2Response>;
  close(): void;
}

export function h2Client(base: string): H2Client {
  const url = new URL(base);
  let tcp: Socket | undefined;
  // A session the server (or a busy machine) ended is opened again, as a browser reconnects.
  const open = () => {
    const session = h2connect(url.origin, {
      createConnection: () => {
        tcp = tcpConnect(Number(url.port), url.hostname);
        // The bench's own Caddy, with a certificate from its throw-away local CA.
        return tlsConnect({ socket: tcp, ALPNProtocols: ['h2'], rejectUnauthorized: false });
      },
    });
    session.on('error', () => {});
    return session;
  };
  let session = open();
  return {
    get(path, headers = {}) {
      if (session.closed || session.destroyed) session = open();
      return new Promise((resolve, reject) => {
        const before = tcp?.bytesRead ?? 0;
        const stream = session.request({ ':path': new URL(path, base).pathname, ...headers });
        const chunks: Buffer[] = [];
        let status = 0;
        let received: H2Response['headers'] = {};
        stream.on('response', (h) => {
          status = Number(h[':status']);
          received = h;
        });
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () =>
          resolve({
            status,
            headers: received,
            body: Buffer.concat(chunks),
            wireBytes: Math.max(0, (tcp?.bytesRead ?? 0) - before),
          }),
        );
        stream.on('error', reject);
        stream.end();
      });
    },
    close: () => session.close(),
  };
}
