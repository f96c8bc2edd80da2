/**
 * An HTTP client that reports the bytes each response really took on the wire (status line, headers and
 * body, as read from the socket), over one kept-alive connection, the way a browser tab polls.
 */
import { Agent, request } from 'node:http';
import type { Socket } from 'node:net';

export interface WireResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** Bytes read from the socket for this response. */
  wireBytes: number;
}

export interface WireClient {
  get(url: string | URL, headers?: Record<string, string>): Promise<WireResponse>;
  close(): void;
}

export function wireClient(): WireClient {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return {
    get(url, headers = {}) {
      return new Promise((resolve, reject) => {
        const req = request(url, { agent, headers }, (res) => {
          const socket = res.socket as Socket;
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
              wireBytes: socket.bytesRead - startRead,
            });
          });
          res.on('error', reject);
        });
        let startRead = 0;
        req.on('socket', (socket: Socket) => {
          startRead = socket.bytesRead;
        });
        req.on('error', reject);
        req.end();
      });
    },
    close: () => agent.destroy(),
  };
}
