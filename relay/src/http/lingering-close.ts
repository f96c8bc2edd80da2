/**
 * Lingering close, as nginx does it: a request refused before its body has arrived gets its answer, then
 * the relay keeps reading (and discarding) what the client still sends, and closes only once the client
 * stops, or after a bounded time and size. Closing at once would make the kernel answer the client's next
 * bytes with a reset, and a reset destroys the answer before a camera that writes its whole body first
 * (the ESP32 sketch does) ever reads it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';

/** nginx's lingering_timeout; a camera on Wi-Fi sends a few MB well within it. */
const LINGER_MS = 5_000;
/** More than this after the answer and the client is not a camera finishing its frame. */
const LINGER_BYTES = 8 * 1024 * 1024;

const lingering = new WeakSet<Socket>();

/**
 * True once the connection has answered and is only draining: a client that gives up mid-body now (many
 * close their side when the relay closes its own) is not a malformed request worth a log line.
 */
export function isLingering(socket: Socket): boolean {
  return lingering.has(socket);
}

/**
 * Call before writing an early refusal (any answer sent while the request body may still be arriving):
 * the answer says `Connection: close`, the body is discarded, and the connection ends with a lingering close.
 */
export function closeAfterRefusal(req: IncomingMessage, res: ServerResponse): void {
  if (!res.headersSent) res.setHeader('Connection', 'close');
  discardBody(req);
  const socket = req.socket;
  // Node ends a `Connection: close` answer with socket.destroySoon(): end, then destroy as soon as the
  // answer is written. That stays so for a body that has fully arrived; otherwise the destroy waits.
  socket.destroySoon = () => (req.complete ? Socket.prototype.destroySoon.call(socket) : linger(socket));
}

function linger(socket: Socket): void {
  lingering.add(socket);
  socket.end();
  let received = 0;
  const stop = () => socket.destroy();
  const timer = setTimeout(stop, LINGER_MS);
  timer.unref();
  socket.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received > LINGER_BYTES) stop();
  });
  socket.once('end', stop);
  socket.once('close', () => clearTimeout(timer));
  socket.resume();
}

/** Read the rest of the body into nothing, whoever was reading it before (a parser, a tus store). */
function discardBody(req: IncomingMessage): void {
  if (req.complete || req.destroyed) return;
  req.unpipe();
  req.removeAllListeners('data');
  req.resume();
}
