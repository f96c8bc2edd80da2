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
  const once = (url: string | URL, headers: Record<string, string>) =>
    new Promise<WireResponse>((resolve, reject) => {
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
      req.on('error', (error: NodeJS.ErrnoException) =>
        reject(Object.assign(error, { reusedSocket: req.reusedSocket })),
      );
      req.end();
    });
  return {
    async get(url, headers = {}) {
      try {
        return await once(url, headers);
      } catch (error) {
        // The server closed the kept-alive socket (its keep-alive timeout) just as the request went out:
        // nothing of a response was read, and a browser would simply ask again on a new connection.
        const { code, reusedSocket } = error as NodeJS.ErrnoException & { reusedSocket?: boolean };
        if (reusedSocket && (code === 'ECONNRESET' || code === 'EPIPE')) return once(url, headers);
        throw error;
      }
    },
    close: () => agent.destroy(),
  };
}
