/** The HTTP server: timeouts that shed slow clients, a deep accept queue, and parser refusals from the table. */
import { createServer, type RequestListener, type Server, STATUS_CODES } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Logger } from 'pino';
import { ERRORS, type ErrorCode } from '../errors.ts';
import { isLingering } from './lingering-close.ts';
import { rateLimiter } from './rate-limit.ts';

/** What Node's parser refuses, by its error code; anything else is a plain malformed request. */
const PARSER_ERRORS: Record<string, ErrorCode> = {
  ERR_HTTP_REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  HPE_HEADER_OVERFLOW: 'HEADERS_TOO_LARGE',
};

export function createHttpServer(listener: RequestListener, log: Logger): Server {
  const server = createServer(
    {
      requestTimeout: 30_000,
      headersTimeout: 10_000,
      keepAliveTimeout: 5_000,
      maxHeaderSize: 16 * 1024,
      // Check those timeouts every second (Node's default is every 30 s), so slow clients go promptly.
      connectionsCheckingInterval: 1_000,
    },
    listener,
  );
  server.setTimeout(30_000);
  // Malformed requests refused by Node's own parser (before any route) still leave a trace; a flood of
  // them leaves at most a few lines a second.
  const parserLog = rateLimiter({ count: 5, windowMs: 1000 });
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (isLingering(socket as Socket)) return socket.destroy();
    const code = PARSER_ERRORS[error.code ?? ''] ?? 'MALFORMED_REQUEST';
    if (parserLog.take('all') === 0)
      log.warn({ code: error.code, reason: error.message }, 'malformed request refused');
    const status = ERRORS[code][0];
    if (socket.writable)
      socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n\r\n`);
    else socket.destroy();
  });
  return server;
}

/** Listen and resolve with the base URL a client on this machine can use. */
export function listen(server: Server, port: number, host: string): Promise<string> {
  return new Promise((done, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      fail(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} on ${host} is already in use: choose another with --port / PORTHOLE_PORT`)
          : error,
      );
    });
    // A deep accept queue: a crowd arriving at once waits in the kernel instead of being retried a second later.
    server.listen({ port, host, backlog: 4096 }, () => {
      const bound = (server.address() as AddressInfo).port;
      const name = host.includes(':') ? `[${host}]` : host;
      done(`http://${name === '0.0.0.0' || name === '[::]' ? '127.0.0.1' : name}:${bound}/`);
    });
  });
}
